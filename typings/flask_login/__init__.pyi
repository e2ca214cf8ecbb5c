# Flask-Login 0.6 (no py.typed): only what marketplace/ uses; see typings/README.md.
import datetime as _dt
from collections.abc import Callable
from typing import Any, TypeVar

from blinker import NamedSignal
from flask import Flask

_F = TypeVar("_F", bound=Callable[..., Any])
_Loader = TypeVar("_Loader", bound=Callable[[str], Any])

# Whatever the user_loader returns, or the anonymous user: read it through marketplace.accounts.access.
current_user: Any

class UserMixin:
    @property
    def is_active(self) -> bool: ...
    @property
    def is_authenticated(self) -> bool: ...
    @property
    def is_anonymous(self) -> bool: ...
    def get_id(self) -> str: ...

class LoginManager:
    login_view: str | None
    login_message: str | None
    def __init__(self, app: Flask | None = None, add_context_processor: bool = True) -> None: ...
    def init_app(self, app: Flask, add_context_processor: bool = True) -> None: ...
    def user_loader(self, callback: _Loader) -> _Loader: ...

def login_required(func: _F) -> _F: ...
def login_user(user: UserMixin, remember: bool = False, duration: _dt.timedelta | None = None,
               force: bool = False, fresh: bool = True) -> bool: ...
def logout_user() -> bool: ...

# Sent with the app as sender and the user as ``user`` when someone signs in.
user_logged_in: NamedSignal
