"""School performance figures: DfE's tables, Ofsted ratings and finance, parsed into one tidy
store; similar schools; strengths and needs. Pure Python: no Django."""
