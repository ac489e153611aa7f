"""Raise tipstats' typed errors from pure-Python code with the same messages and attributes as the C++
side (see include/tipstats/error.hpp and python/src/register_errors.cpp)."""

from __future__ import annotations

import errno
from typing import Optional

from ._core import (DomainError, FileError, FilePermissionError, MissingFileError, NotAFileError, NotFoundError,
                    ParseError, ValidationError)


def domain_error(argument: str, message: str, index: Optional[int] = None) -> DomainError:
    """A DomainError naming the argument (and the first bad element, when it is an array)."""
    where = f"argument '{argument}'" + (f" at index {index}" if index is not None else "")
    error = DomainError(f"{where}: {message}")
    error.argument = argument
    error.index = index
    return error


def validation_error(message: str, field: Optional[str] = None) -> ValidationError:
    """A ValidationError for data that is well-formed but inconsistent, naming the field."""
    error = ValidationError(f"field '{field}': {message}" if field else message)
    error.field = field
    return error


def not_found_error(what: str, key: str) -> NotFoundError:
    """A NotFoundError for a lookup by id, name or column that found nothing."""
    error = NotFoundError(f"{what} not found: '{key}'")
    error.key = key
    return error


def parse_error(message: str, file: Optional[str] = None, line: Optional[int] = None,
                column: Optional[int] = None, field: Optional[str] = None) -> ParseError:
    """A ParseError placed as the C++ side places it: "file:line:column: field 'f': message"."""
    where = file or ""
    if line:
        where += (":" if where else "line ") + str(line)
        if column:
            where += f":{column}"
    if field:
        where += (": " if where else "") + f"field '{field}'"
    error = ParseError(f"{where}: {message}" if where else message)
    error.file, error.line, error.column, error.field = file, line, column, field
    return error


def file_error(error: OSError, file: str) -> FileError:
    """The tipstats.FileError for an OSError met reading or writing ``file``: the subclass that is also
    the OSError open() gives (MissingFileError is a FileNotFoundError, ...), as the C++ side raises it."""
    number = error.errno or next((number for kind, number in _ERRNO_OF.items() if isinstance(error, kind)), 0)
    kind = {errno.ENOENT: MissingFileError, errno.EISDIR: NotAFileError, errno.EACCES: FilePermissionError,
            errno.EPERM: FilePermissionError}.get(number, FileError)
    return kind(number, f"cannot open the file: {error.strerror or error}", file)


# the errno of an OSError raised without one (pyarrow raises FileNotFoundError so)
_ERRNO_OF = {FileNotFoundError: errno.ENOENT, IsADirectoryError: errno.EISDIR, PermissionError: errno.EACCES}
