"""Resources and partners in plain Python: financial years, funding arithmetic and its limits,
LA staff time against capacity, and the vocabularies the database also uses."""
