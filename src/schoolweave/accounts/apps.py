from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "schoolweave.accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from schoolweave.accounts import sign_in

        user_logged_in.connect(sign_in.signed_in, dispatch_uid="schoolweave.sign_in")
        user_logged_out.connect(sign_in.signed_out, dispatch_uid="schoolweave.sign_out")
        user_login_failed.connect(sign_in.sign_in_failed, dispatch_uid="schoolweave.sign_in_failed")
        user_locked_out.connect(sign_in.locked_out, dispatch_uid="schoolweave.locked_out")
