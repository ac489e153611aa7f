// tipstats::error and its subclasses become tipstats.Error and subclasses that are also the
// matching built-in (ValueError, KeyError), with the error's location as attributes; an io_error
// becomes a tipstats.FileError that is also the OSError open() would raise (FileNotFoundError,
// IsADirectoryError, PermissionError), with its errno and filename.
#include "register.hpp"

#include <tipstats/error.hpp>

#include <cstring>
#include <system_error>

namespace py = pybind11;

namespace {

PyObject* new_exception(py::module_& m, const char* name, PyObject* bases, const char* doc) {
    PyObject* type = PyErr_NewExceptionWithDoc((std::string("tipstats.") + name).c_str(), doc, bases, nullptr);
    if (!type) throw py::error_already_set();
    m.add_object(name, py::handle(type));  // the module keeps the reference for the interpreter's life
    return type;
}

PyObject* tuple_of(std::initializer_list<PyObject*> types) {
    PyObject* t = PyTuple_New(static_cast<Py_ssize_t>(types.size()));
    Py_ssize_t i = 0;
    for (PyObject* type : types) {
        Py_INCREF(type);
        PyTuple_SET_ITEM(t, i++, type);
    }
    return t;
}

struct Types {
    PyObject* base;
    PyObject* parse;
    PyObject* validation;
    PyObject* domain;
    PyObject* not_found;
    PyObject* file;
    PyObject* missing_file;
    PyObject* not_a_file;
    PyObject* file_permission;
};
Types types{};

void raise(PyObject* type, const char* message, std::initializer_list<std::pair<const char*, py::object>> attrs) {
    // Messages quote user input, which may be cut mid-character: never fail while reporting a failure.
    const py::object text = py::reinterpret_steal<py::object>(
        PyUnicode_DecodeUTF8(message, static_cast<Py_ssize_t>(std::strlen(message)), "replace"));
    if (!text) throw py::error_already_set();
    py::object instance = py::reinterpret_borrow<py::object>(type)(text);
    for (const auto& [name, value] : attrs) instance.attr(name) = value;
    PyErr_SetObject(type, instance.ptr());
}

py::object optional_size(std::size_t value) { return value ? py::object(py::int_(value)) : py::none(); }
py::object optional_str(const std::string& value) { return value.empty() ? py::none() : py::object(py::str(value)); }

}  // namespace

void register_errors(py::module_& m) {
    types.base = new_exception(m, "Error", PyExc_Exception, "Base class of every error tipstats raises.");
    types.parse = new_exception(m, "ParseError", tuple_of({types.base, PyExc_ValueError}),
                                "Text that does not follow its grammar. Attributes: file, line, column, field.");
    types.validation = new_exception(m, "ValidationError", tuple_of({types.base, PyExc_ValueError}),
                                     "Data that parses but is inconsistent. Attributes: field; file, line, column for documents.");
    types.domain = new_exception(m, "DomainError", tuple_of({types.base, PyExc_ValueError}),
                                 "An argument outside a function's domain. Attributes: argument, index.");
    types.not_found = new_exception(m, "NotFoundError", tuple_of({types.base, PyExc_KeyError}),
                                    "A lookup by id or name that found nothing. Attribute: key.");

    types.file = new_exception(m, "FileError", tuple_of({types.base, PyExc_OSError}),
                               "A file that cannot be read or written, as an OSError. Attributes: errno, strerror, filename.");
    types.missing_file = new_exception(m, "MissingFileError", tuple_of({types.file, PyExc_FileNotFoundError}),
                                       "A file that does not exist: a FileError and a FileNotFoundError.");
    types.not_a_file = new_exception(m, "NotAFileError", tuple_of({types.file, PyExc_IsADirectoryError}),
                                     "A directory given where a file is wanted: a FileError and an IsADirectoryError.");
    types.file_permission = new_exception(m, "FilePermissionError", tuple_of({types.file, PyExc_PermissionError}),
                                          "A file that may not be read or written: a FileError and a PermissionError.");

    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const tipstats::parse_error& e) {
            raise(types.parse, e.what(),
                  {{"file", optional_str(e.file())}, {"line", optional_size(e.line())},
                   {"column", optional_size(e.column())}, {"field", optional_str(e.field())}});
        } catch (const tipstats::validation_error& e) {
            raise(types.validation, e.what(),
                  {{"file", optional_str(e.file())}, {"line", optional_size(e.line())},
                   {"column", optional_size(e.column())}, {"field", optional_str(e.field())}});
        } catch (const tipstats::domain_error& e) {
            raise(types.domain, e.what(),
                  {{"argument", py::str(e.argument())},
                   {"index", e.index() ? py::object(py::int_(*e.index())) : py::none()}});
        } catch (const tipstats::io_error& e) {
            // The subclass follows the number, as open() picks FileNotFoundError and the others.
            const auto reason = e.reason();
            PyObject* type = types.file;
            if (reason == std::errc::no_such_file_or_directory)
                type = types.missing_file;
            else if (reason == std::errc::is_a_directory)
                type = types.not_a_file;
            else if (reason == std::errc::permission_denied || reason == std::errc::operation_not_permitted)
                type = types.file_permission;
            const py::object error = py::reinterpret_borrow<py::object>(type)(reason.value(), e.message(), e.path());
            PyErr_SetObject(type, error.ptr());
        } catch (const tipstats::not_found_error& e) {
            raise(types.not_found, e.what(), {{"key", py::str(e.key())}});
        } catch (const tipstats::error& e) {
            raise(types.base, e.what(), {});
        }
    });
}
