"""Settings for the service side of actionloop (database, accounts), from the environment.

Every field can be set by an environment variable with the prefix ``ACTIONLOOP_`` (for example
``ACTIONLOOP_DATABASE_URL``) or in a ``.env`` file in the working folder. There is no module-level
instance: the command line and the app build one with :func:`load_settings` and pass it on.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATA_DIR = Path("data")
DATABASE_FILE = "actionloop.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ACTIONLOOP_", env_file=".env", env_file_encoding="utf-8", extra="ignore",
    )

    #: Folder for the SQLite database file and other local data.
    data_dir: Path = DEFAULT_DATA_DIR
    #: SQLAlchemy URL. Empty: ``sqlite:///<data_dir>/actionloop.db``. PostgreSQL:
    #: ``postgresql+psycopg://user:password@host:5432/database`` (``postgresql://`` is accepted).
    database_url: str = ""
    #: Milliseconds a SQLite connection waits for the write lock before giving up.
    sqlite_busy_timeout_ms: int = Field(default=5000, ge=0)
    #: Log every SQL statement (development only: statements never contain names, but parameters do).
    database_echo: bool = False
    #: Login rate limit: this many failed attempts for one user name within the window ...
    login_max_failures: int = Field(default=5, ge=1)
    #: ... (in seconds) refuse further attempts until the oldest failure leaves the window.
    login_window_seconds: int = Field(default=900, ge=1)
    #: The shortest password accepted for a local account.
    password_min_length: int = Field(default=10, ge=1)
    #: Key that signs web session cookies. Empty: a random key kept in ``<data_dir>/session.key``
    #: (set it explicitly when several app processes share one database).
    session_secret: str = ""
    #: How long a web session lasts, in seconds.
    session_max_age_seconds: int = Field(default=8 * 3600, ge=60)
    #: Send the session cookie only over HTTPS (turn on behind TLS).
    cookie_secure: bool = False
    #: Seconds an app process may reuse what it read about an account (roles, active, token valid)
    #: before reading it again; 0 reads it on every request. A revoked role or token stops working
    #: within this time in every process (at once in the process that revoked it).
    auth_cache_seconds: float = Field(default=5.0, ge=0, le=300)
    #: Threads an app process uses for requests that read the database (writes to SQLite use one
    #: thread of their own).
    api_threads: int = Field(default=8, ge=1, le=200)
    #: Seconds between the deadline scans each app process runs (0: none; then run
    #: ``actionloop reminders scan`` from cron). Safe with several processes on one database.
    reminder_scan_seconds: int = Field(default=3600, ge=0)

    @model_validator(mode="after")
    def _default_database_url(self) -> Settings:
        if not self.database_url:
            self.database_url = sqlite_url(self.data_dir / DATABASE_FILE)
        return self


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite database file."""
    return f"sqlite:///{path.as_posix()}"


def load_settings(database_url: str | None = None) -> Settings:
    """Settings from the environment (and ``.env``), with ``database_url`` overriding when given."""
    if database_url:
        return Settings(database_url=database_url)
    return Settings()
