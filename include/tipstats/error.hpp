#pragma once
// One error hierarchy for the whole library. Python maps each class to a subclass of tipstats.Error.

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

namespace tipstats {

/// Base of every exception tipstats throws.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Where a problem is, as far as known: file, 1-based line and column, field.
struct error_location {
    std::string file;
    std::size_t line = 0;    ///< 1-based; 0 when unknown
    std::size_t column = 0;  ///< 1-based; 0 when unknown
    std::string field;       ///< e.g. "agreements[2].signed"
};

namespace detail {
inline std::string describe_location(const std::string& message, const error_location& where) {
    std::string out;
    if (!where.file.empty()) out += where.file;
    if (where.line != 0) {
        // Appends one piece at a time: `":" + std::to_string(...)` trips GCC 12's -Wrestrict (PR 105329).
        out.append(out.empty() ? "line " : ":").append(std::to_string(where.line));
        if (where.column != 0) out.append(":").append(std::to_string(where.column));
    }
    if (!where.field.empty()) {
        if (!out.empty()) out.append(": ");
        out.append("field '").append(where.field).append("'");
    }
    if (out.empty()) return message;
    return out.append(": ").append(message);
}
}  // namespace detail

/// Text that does not follow its grammar: a date, a period, a JSON document, a CSV row.
/// Carries where the problem is, as far as known (file, 1-based line and column, field).
class parse_error : public error {
public:
    using location = error_location;

    parse_error(std::string message, location where)
        : error(detail::describe_location(message, where)), message_(std::move(message)), where_(std::move(where)) {}
    explicit parse_error(std::string message) : parse_error(std::move(message), location{}) {}

    const std::string& message() const noexcept { return message_; }
    const std::string& file() const noexcept { return where_.file; }
    std::size_t line() const noexcept { return where_.line; }
    std::size_t column() const noexcept { return where_.column; }
    const std::string& field() const noexcept { return where_.field; }
    const location& where() const noexcept { return where_; }

    /// The same error seen from further out: fills in what the inner parser could not know.
    parse_error located(const location& outer) const {
        location merged = where_;
        if (merged.file.empty()) merged.file = outer.file;
        if (merged.line == 0) {
            merged.line = outer.line;
            merged.column = outer.column;
        }
        if (merged.field.empty()) merged.field = outer.field;
        return parse_error(message_, merged);
    }

private:
    std::string message_;
    location where_;
};

/// Data that parses but is inconsistent: duplicate ids, unknown references, an end before a start.
/// The field is always named when known; file, line and column when the data came from a document.
class validation_error : public error {
public:
    validation_error(std::string message, std::string field = {})
        : validation_error(std::move(message), error_location{{}, 0, 0, std::move(field)}) {}
    validation_error(std::string message, error_location where)
        : error(detail::describe_location(message, where)), message_(std::move(message)), where_(std::move(where)) {}

    const std::string& message() const noexcept { return message_; }
    const std::string& field() const noexcept { return where_.field; }
    const std::string& file() const noexcept { return where_.file; }
    std::size_t line() const noexcept { return where_.line; }
    std::size_t column() const noexcept { return where_.column; }
    const error_location& where() const noexcept { return where_; }

private:
    std::string message_;
    error_location where_;
};

/// An argument outside the domain of a function: a negative count, a level outside (0, 1).
/// `index` names the first bad element when the argument is an array.
class domain_error : public error {
public:
    domain_error(std::string argument, std::string message, std::optional<std::size_t> index = {})
        : error(describe(argument, message, index)),
          argument_(std::move(argument)),
          message_(std::move(message)),
          index_(index) {}
    const std::string& argument() const noexcept { return argument_; }
    /// What is wrong, without the argument and index.
    const std::string& message() const noexcept { return message_; }
    std::optional<std::size_t> index() const noexcept { return index_; }

private:
    static std::string describe(const std::string& argument, const std::string& message,
                                std::optional<std::size_t> index) {
        std::string out = "argument '" + argument + "'";
        if (index) out.append(" at index ").append(std::to_string(*index));
        return out + ": " + message;
    }
    std::string argument_;
    std::string message_;
    std::optional<std::size_t> index_;
};

/// A file that cannot be read or written: the path and the operating system's reason
/// ("'data/cambodia.json': cannot open the file for reading: No such file or directory").
class io_error : public error {
public:
    io_error(std::string path, const std::string& message, std::error_code reason)
        : error("'" + path + "': " + message + (reason ? ": " + reason.message() : std::string())),
          path_(std::move(path)),
          message_(message + (reason ? ": " + reason.message() : std::string())),
          reason_(reason) {}
    const std::string& path() const noexcept { return path_; }
    /// What went wrong and why, without the path.
    const std::string& message() const noexcept { return message_; }
    /// The operating system's reason (std::errc::no_such_file_or_directory, ...); empty when none.
    std::error_code reason() const noexcept { return reason_; }

private:
    std::string path_;
    std::string message_;
    std::error_code reason_;
};

/// A lookup by id or name that found nothing.
class not_found_error : public error {
public:
    /// `hint` says what there is instead, e.g. the categories present.
    not_found_error(std::string what, std::string key, const std::string& hint = {})
        : error(what + " not found: '" + key + "'" + (hint.empty() ? "" : " (" + hint + ")")), key_(std::move(key)) {}
    const std::string& key() const noexcept { return key_; }

private:
    std::string key_;
};

}  // namespace tipstats
