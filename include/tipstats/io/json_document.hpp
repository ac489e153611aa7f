#pragma once
// Datasets as versioned JSON documents:
//
//   {"tipstats": 1, "title": "...", "sources": [...], "partners": [...], "agreements": [...],
//    "notes": [...], "observations": []}
//
// Reading is strict and all-or-nothing: a syntax error, a value of the wrong type, an unknown
// field (a typo such as "sigend"), an impossible date or an inconsistency (an unknown partner, a
// duplicate id, an end before a start) throws parse_error or validation_error naming the file, the
// 1-based line and column of the offending value, and its field ("agreements[2].signed"); no
// dataset is returned. Observations are objects {"measure", "value", "period", ...} whose value is
// a number, a censored text ("<5") or null (missing).

#include <tipstats/model/agreement.hpp>
#include <tipstats/model/dataset.hpp>
#include <tipstats/model/partner.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace tipstats::io {

/// The document version this library writes and reads.
inline constexpr int document_version = 2;

/// Parses a dataset document; `file` only names the source in error messages.
dataset from_json(std::string_view text, const std::string& file = {});
/// The document, indented by `indent` spaces, UTF-8 kept as is, ending with a newline.
std::string to_json(const dataset& dataset, int indent = 2);

/// Reads a document from a UTF-8 file; parse_error naming the file if it cannot be read.
dataset load(const std::filesystem::path& path);
/// Writes the document atomically (temporary file beside it, then rename): an interrupted save
/// leaves the old file intact. tipstats::error if the file cannot be written.
void save(const dataset& dataset, const std::filesystem::path& path);

/// One record in the form it has inside a document (pickling, to_dict in Python).
std::string to_json(const partner& partner);
std::string to_json(const agreement& agreement);
partner partner_from_json(std::string_view text);
agreement agreement_from_json(std::string_view text);

}  // namespace tipstats::io
