"""Where the store lives, as environment variable names: importable without SQLAlchemy (the command line's help
text needs them on every call, the store only when a command opens it)."""

DATABASE_URL_ENV = "INTERVIEW_SIM_DATABASE_URL"
DATA_DIR_ENV = "INTERVIEW_SIM_DATA_DIR"
