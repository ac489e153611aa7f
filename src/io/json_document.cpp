// Dataset documents with nlohmann/json. The parser is fed through an iterator that records how far
// it has read, so each value's field path ("agreements[2].signed") can be tied to its line and
// column for error messages about what the value means, not only about its syntax.
#include <tipstats/io/json_document.hpp>

#include <tipstats/io/files.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace tipstats::io {
namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

// ---------------------------------------------------------------------------------------------
// Reading: positions

/// A character iterator that writes back the furthest position the parser has read.
class tracking_iterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    tracking_iterator(const char* at, const char** furthest) : at_(at), furthest_(furthest) {}
    reference operator*() const { return *at_; }
    tracking_iterator& operator++() {
        ++at_;
        *furthest_ = at_;
        return *this;
    }
    tracking_iterator operator++(int) {
        tracking_iterator before = *this;
        ++*this;
        return before;
    }
    friend bool operator!=(const tracking_iterator& a, const tracking_iterator& b) { return a.at_ != b.at_; }

private:
    const char* at_;
    const char** furthest_;
};

struct line_column {
    std::size_t line = 0;
    std::size_t column = 0;
};

line_column locate(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    line_column out{1, 1};
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++out.line;
            out.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++out.column;  // columns count characters, not UTF-8 continuation bytes
        }
    }
    return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// The offset of the opening quote of the string whose closing quote is at `close`.
std::size_t string_start(std::string_view text, std::size_t close) {
    std::size_t pos = close;
    while (pos > 0) {
        --pos;
        if (text[pos] != '"') continue;
        std::size_t backslashes = 0;
        while (pos >= backslashes + 1 && text[pos - backslashes - 1] == '\\') ++backslashes;
        if (backslashes % 2 == 0) break;
    }
    return pos;
}

/// The offset where the value whose last read character is at `consumed - 1` starts. The lexer
/// reads one character past a number, so a trailing separator or space is stepped over first.
std::size_t value_start(std::string_view text, std::size_t consumed) {
    if (consumed == 0 || text.empty()) return 0;
    std::size_t pos = std::min(consumed, text.size()) - 1;
    const char last = text[pos];
    if (pos > 0 && (is_space(last) || last == ',' || last == '}' || last == ']')) --pos;
    if (text[pos] == '"') return string_start(text, pos);
    if (text[pos] == '{' || text[pos] == '[') return pos;
    while (pos > 0 && !is_space(text[pos - 1]) && text[pos - 1] != ',' && text[pos - 1] != ':' &&
           text[pos - 1] != '[' && text[pos - 1] != '{')
        --pos;
    return pos;
}

/// The parsed document with the line and column of every value, keyed by field path.
class positioned_document {
public:
    positioned_document(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {
        const char* furthest = text.data();
        builder sax(*this, text.data(), &furthest);
        // Our own SAX handler rather than nlohmann's callback parser, whose end of each object scans
        // its parent for discarded values: quadratic in the length of a list of objects.
        json::sax_parse(tracking_iterator(text.data(), &furthest), tracking_iterator(text.data() + text.size(), &furthest),
                        &sax);
    }

    const json& root() const noexcept { return root_; }

    /// Where the field is; an absent field is reported at its nearest enclosing value.
    error_location where(const std::string& field) const {
        std::string path = field;
        while (true) {
            if (const auto it = positions_.find(path); it != positions_.end())
                return where_at(field, locate(text_, it->second));
            if (path.empty()) return where_at(field, {});
            const auto cut = path.find_last_of(".[");
            path = cut == std::string::npos ? std::string() : path.substr(0, cut);
        }
    }

    [[noreturn]] void fail(const std::string& message, const std::string& field) const {
        throw parse_error(message, where(field));
    }

private:
    /// A document is at most five levels deep (agreements[2].sources[0] is the fifth); the limit keeps
    /// a hostile "[[[[..." from costing time and memory in proportion to the square of its depth.
    static constexpr std::size_t max_depth = 64;

    struct frame {
        bool is_array;
        std::size_t index;
        std::string key;
        std::set<std::string> keys;
        json* container;
    };

    /// Builds the document and records, for every value, the byte offset where it starts (turned
    /// into a line and column only for an error, as that scans the text).
    class builder : public nlohmann::json_sax<json> {
    public:
        builder(positioned_document& doc, const char* begin, const char** furthest)
            : doc_(doc), begin_(begin), furthest_(furthest) {}

        bool null() override { return value(nullptr); }
        bool boolean(bool v) override { return value(v); }
        bool number_integer(number_integer_t v) override { return value(v); }
        bool number_unsigned(number_unsigned_t v) override { return value(v); }
        bool number_float(number_float_t v, const string_t&) override { return value(v); }
        bool string(string_t& v) override { return value(std::move(v)); }
        bool binary(binary_t& v) override { return value(std::move(v)); }
        bool start_object(std::size_t) override { return open(false); }
        bool start_array(std::size_t) override { return open(true); }
        bool end_object() override { return close(); }
        bool end_array() override { return close(); }

        bool key(string_t& k) override {
            frame& top = stack_.back();
            if (!top.keys.insert(k).second)
                throw tipstats::parse_error("duplicate key '" + k + "'", doc_.where_at(path_of(stack_), here()));
            top.key = k;
            return true;
        }

        bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
            const std::string_view text = doc_.text_;
            if (const auto* syntax = dynamic_cast<const json::parse_error*>(&e)) {
                // nlohmann points at the end of the offending token; a string is shown from its start.
                std::size_t byte =
                    std::min(syntax->byte == 0 ? offset() : syntax->byte - 1, text.empty() ? 0 : text.size() - 1);
                if (!text.empty() && text[byte] == '"' && byte > 0) byte = string_start(text, byte);
                throw tipstats::parse_error("invalid JSON: " + nlohmann_message(e.what()),
                                            doc_.where_at(path_of(stack_), locate(text, byte)));
            }
            // e.g. a number too large for a double (1e400)
            throw tipstats::parse_error("invalid JSON: " + nlohmann_message(e.what()), doc_.where_at(path_of(stack_), here()));
        }

    private:
        std::size_t offset() const { return static_cast<std::size_t>(*furthest_ - begin_); }
        line_column here() const { return locate(doc_.text_, value_start(doc_.text_, offset())); }
        void record() { doc_.positions_.emplace(path_of(stack_), value_start(doc_.text_, offset())); }

        /// Places a value in the open container (or as the root) and returns where it now lives.
        json* place(json&& v) {
            if (stack_.empty()) {
                doc_.root_ = std::move(v);
                return &doc_.root_;
            }
            frame& top = stack_.back();
            if (top.is_array) {
                top.container->push_back(std::move(v));
                return &top.container->back();
            }
            return &((*top.container)[top.key] = std::move(v));
        }

        template <class T>
        bool value(T&& v) {
            record();
            place(json(std::forward<T>(v)));
            next_element();
            return true;
        }

        bool open(bool is_array) {
            record();
            if (stack_.size() == max_depth)
                throw tipstats::parse_error("values nested deeper than " + std::to_string(max_depth) + " levels",
                                            doc_.where_at(path_of(stack_), here()));
            json* container = place(is_array ? json::array() : json::object());
            stack_.push_back({is_array, 0, {}, {}, container});
            return true;
        }

        bool close() {
            stack_.pop_back();
            next_element();
            return true;
        }

        void next_element() {
            if (!stack_.empty() && stack_.back().is_array) ++stack_.back().index;
        }

        positioned_document& doc_;
        const char* begin_;
        const char** furthest_;
        std::vector<frame> stack_;
    };

    /// "agreements[2].signed": each open container adds the key or index being read in it.
    static std::string path_of(const std::vector<frame>& stack) {
        std::string path;
        for (const frame& f : stack)
            path += f.is_array ? "[" + std::to_string(f.index) + "]" : (path.empty() ? "" : ".") + f.key;
        return path;
    }

    /// nlohmann's text without its "[json.exception...] parse error at line L, column C: " prefix
    /// and its "; last read: '...'" suffix (raw input, perhaps not UTF-8; the position says where).
    static std::string nlohmann_message(const std::string& what) {
        const auto colon = what.find(": ");
        std::string message = colon == std::string::npos ? what : what.substr(colon + 2);
        if (const auto last_read = message.find("; last read:"); last_read != std::string::npos) message.resize(last_read);
        return message;
    }

    error_location where_at(const std::string& field, line_column at) const {
        return {file_, at.line, at.column, field};
    }

    std::string_view text_;
    std::string file_;
    json root_;
    std::map<std::string, std::size_t> positions_;  ///< field path -> byte offset of its value
};

// ---------------------------------------------------------------------------------------------
// Reading: values

/// Reads typed values out of one document, failing with the field's line and column.
class reader {
public:
    explicit reader(const positioned_document& doc) : doc_(doc) {}

    /// Rejects fields this version does not know (most often a typo).
    void only_keys(const json& object, const std::string& field, std::initializer_list<std::string_view> allowed) const {
        only_keys(object, field, std::vector<std::string_view>(allowed));
    }
    void only_keys(const json& object, const std::string& field, const std::vector<std::string_view>& allowed) const {
        for (const auto& [key, value] : object.items()) {
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
            std::string list;
            for (const auto k : allowed) list += (list.empty() ? "" : ", ") + std::string(k);
            doc_.fail("unknown field '" + key + "' (expected: " + list + ")", join(field, key));
        }
    }

    void require_object(const json& value, const std::string& field) const {
        if (!value.is_object()) doc_.fail("expected an object, got " + type_of(value), field);
    }
    void require_list(const json& value, const std::string& field) const {
        if (!value.is_array()) doc_.fail("expected a list, got " + type_of(value), field);
    }

    /// The member, or nullptr when absent or null.
    static const json* member(const json& object, std::string_view key) {
        const auto it = object.find(key);
        return it == object.end() || it->is_null() ? nullptr : &*it;
    }

    std::string text(const json& object, std::string_view key, const std::string& field, bool required = false) const {
        const std::string f = join(field, key);
        const json* v = member(object, key);
        if (!v) {
            if (required) doc_.fail("missing required field '" + std::string(key) + "'", f);
            return {};
        }
        return text_value(*v, f);
    }
    std::string text_value(const json& v, const std::string& field) const {
        if (!v.is_string()) doc_.fail("expected a string, got " + type_of(v), field);
        return v.get<std::string>();
    }

    std::vector<std::string> texts(const json& object, std::string_view key, const std::string& field) const {
        std::vector<std::string> out;
        each(object, key, field, [&](const json& v, const std::string& f) { out.push_back(text_value(v, f)); });
        return out;
    }

    std::optional<int> integer(const json& object, std::string_view key, const std::string& field) const {
        const json* v = member(object, key);
        if (!v) return std::nullopt;
        const std::string f = join(field, key);
        if (!v->is_number_integer()) doc_.fail("expected a whole number, got " + type_of(*v), f);
        const auto n = v->get<long long>();
        if (n < -1000000 || n > 1000000) doc_.fail("number " + std::to_string(n) + " is out of range", f);
        return static_cast<int>(n);
    }

    std::optional<partial_date> date(const json& object, std::string_view key, const std::string& field) const {
        const json* v = member(object, key);
        if (!v) return std::nullopt;
        const std::string f = join(field, key);
        const std::string t = text_value(*v, f);
        try {
            return partial_date::parse(t);
        } catch (const parse_error& e) {
            throw e.located(doc_.where(f));
        }
    }

    template <class Parse>
    auto word(const json& object, std::string_view key, const std::string& field, Parse parse) const
        -> std::optional<decltype(parse(std::string_view{}))> {
        const json* v = member(object, key);
        if (!v) return std::nullopt;
        const std::string f = join(field, key);
        const std::string t = text_value(*v, f);
        try {
            return parse(t);
        } catch (const parse_error& e) {
            throw e.located(doc_.where(f));
        }
    }

    /// Calls `read(element, field)` for each element of the list `key` (absent or null: none).
    template <class Read>
    void each(const json& object, std::string_view key, const std::string& field, Read read) const {
        const json* v = member(object, key);
        if (!v) return;
        const std::string f = join(field, key);
        require_list(*v, f);
        for (std::size_t i = 0; i < v->size(); ++i) read((*v)[i], f + "[" + std::to_string(i) + "]");
    }

    /// Citations: "ppp-2019" or {"source": "ppp-2019", "quote": "..."}.
    std::vector<source_ref> citations(const json& object, const std::string& field) const {
        std::vector<source_ref> out;
        each(object, "sources", field, [&](const json& v, const std::string& f) {
            if (v.is_string()) {
                out.push_back({v.get<std::string>(), {}});
                return;
            }
            require_object(v, f);
            only_keys(v, f, {"source", "quote"});
            out.push_back({text(v, "source", f, true), text(v, "quote", f)});
        });
        return out;
    }

    static std::string join(const std::string& field, std::string_view key) {
        return field.empty() ? std::string(key) : field + "." + std::string(key);
    }

    const positioned_document& doc() const noexcept { return doc_; }

private:
    static std::string type_of(const json& v) {
        if (v.is_number_integer()) return "a whole number";
        if (v.is_number()) return "a number";
        if (v.is_array()) return "a list";
        if (v.is_object()) return "an object";
        return std::string("a ") + v.type_name();
    }

    const positioned_document& doc_;
};

source read_source(const reader& r, const json& v, const std::string& f) {
    r.require_object(v, f);
    r.only_keys(v, f, {"id", "title", "publisher", "url", "date", "notes"});
    source s;
    s.id = r.text(v, "id", f, true);
    s.title = r.text(v, "title", f);
    s.publisher = r.text(v, "publisher", f);
    s.url = r.text(v, "url", f);
    s.date = r.date(v, "date", f);
    s.notes = r.text(v, "notes", f);
    return s;
}

partner read_partner(const reader& r, const json& v, const std::string& f) {
    r.require_object(v, f);
    r.only_keys(v, f, {"id", "name", "acronym", "other_names", "kind", "country", "parent_id", "focus", "url",
                       "notes", "sources"});
    partner p;
    p.id = r.text(v, "id", f, true);
    p.name = r.text(v, "name", f, true);
    p.acronym = r.text(v, "acronym", f);
    p.other_names = r.texts(v, "other_names", f);
    p.kind = r.word(v, "kind", f, parse_partner_kind).value_or(partner_kind::other);
    p.country = r.text(v, "country", f);
    p.parent_id = r.text(v, "parent_id", f);
    p.focus = r.texts(v, "focus", f);
    p.url = r.text(v, "url", f);
    p.notes = r.text(v, "notes", f);
    p.sources = r.citations(v, f);
    return p;
}

agreement read_agreement(const reader& r, const json& v, const std::string& f) {
    r.require_object(v, f);
    r.only_keys(v, f, {"id", "kind", "title", "parties", "signatories", "signed", "start", "end", "term_months",
                       "max_renewals", "renews", "scope", "status_changes", "sources", "notes"});
    agreement a;
    a.id = r.text(v, "id", f, true);
    a.kind = r.word(v, "kind", f, parse_agreement_kind).value_or(agreement_kind::mou);
    a.title = r.text(v, "title", f);
    r.each(v, "parties", f, [&](const json& p, const std::string& pf) {
        if (p.is_string()) {  // a bare id: a signatory party
            a.parties.push_back({p.get<std::string>(), party_role::signatory});
            return;
        }
        r.require_object(p, pf);
        r.only_keys(p, pf, {"partner_id", "role"});
        a.parties.push_back({r.text(p, "partner_id", pf, true),
                             r.word(p, "role", pf, parse_party_role).value_or(party_role::signatory)});
    });
    r.each(v, "signatories", f, [&](const json& s, const std::string& sf) {
        r.require_object(s, sf);
        r.only_keys(s, sf, {"name", "title", "partner_id"});
        a.signatories.push_back({r.text(s, "name", sf, true), r.text(s, "title", sf), r.text(s, "partner_id", sf)});
    });
    a.signed_date = r.date(v, "signed", f);
    a.start = r.date(v, "start", f);
    a.end = r.date(v, "end", f);
    a.term_months = r.integer(v, "term_months", f);
    a.max_renewals = r.integer(v, "max_renewals", f);
    a.renews = r.text(v, "renews", f);
    a.scope = r.texts(v, "scope", f);
    r.each(v, "status_changes", f, [&](const json& c, const std::string& cf) {
        r.require_object(c, cf);
        r.only_keys(c, cf, {"status", "date", "note"});
        status_change change;
        const auto kind = r.word(c, "status", cf, parse_status_change_kind);
        if (!kind) r.doc().fail("missing required field 'status'", cf + ".status");
        change.kind = *kind;
        const auto date = r.date(c, "date", cf);
        if (!date) r.doc().fail("missing required field 'date'", cf + ".date");
        change.date = *date;
        change.note = r.text(c, "note", cf);
        a.status_changes.push_back(std::move(change));
    });
    a.sources = r.citations(v, f);
    a.notes = r.text(v, "notes", f);
    return a;
}

note read_note(const reader& r, const json& v, const std::string& f) {
    r.require_object(v, f);
    r.only_keys(v, f, {"text", "sources"});
    return {r.text(v, "text", f, true), r.citations(v, f)};
}

/// An observation: {"measure", "value", "period"} and optional unit, area, offence, age, sex,
/// source, note and the document's extra dimensions. The value is a number, a censored text ("<5",
/// ">1000") or null (missing).
observation read_observation(const reader& r, const json& v, const std::string& f,
                             const std::vector<std::string>& extra_dimensions) {
    r.require_object(v, f);
    std::vector<std::string_view> fields{"measure", "value", "unit",   "period", "area",
                                         "offence", "age",   "sex",    "source", "note"};
    fields.insert(fields.end(), extra_dimensions.begin(), extra_dimensions.end());
    r.only_keys(v, f, fields);
    const auto value = v.find("value");  // present but null: a value that was not published
    if (value == v.end()) r.doc().fail("missing required field 'value' (use null for a value that was not published)", f + ".value");
    const auto period = r.word(v, "period", f, [](std::string_view t) { return period::parse(t); });
    if (!period) r.doc().fail("missing required field 'period'", f + ".period");
    observation o{.measure = r.text(v, "measure", f, true), .period = *period};
    try {
        if (value->is_number())
            o.value = quantity::exact(value->get<double>());
        else if (value->is_string())
            o.value = quantity::parse(value->get<std::string>());
        else if (!value->is_null())
            r.doc().fail("a value is a number, a censored text such as \"<5\", a range such as \"106-111\", or null",
                         f + ".value");
    } catch (const error& e) {
        r.doc().fail(e.what(), f + ".value");
    }
    o.unit = r.text(v, "unit", f);
    if (o.unit.empty()) o.unit = "count";
    o.area = r.text(v, "area", f);
    o.offence = r.text(v, "offence", f);
    if (o.offence.empty()) o.offence = "all";
    o.age = r.word(v, "age", f, [](std::string_view t) { return age_band::parse(t); }).value_or(age_band::all());
    o.sex = r.word(v, "sex", f, parse_sex).value_or(sex::all);
    o.source = r.text(v, "source", f);
    o.note = r.text(v, "note", f);
    for (const auto& name : extra_dimensions) {
        std::string category = r.text(v, name, f);
        if (!category.empty() && category != "all") o.extra_dimensions.emplace(name, std::move(category));
    }
    return o;
}

/// Runs `build` and gives a validation_error the line and column of the field it names.
template <class Build>
auto located_validation(const positioned_document& doc, Build build) {
    try {
        return build();
    } catch (const validation_error& e) {
        throw validation_error(e.message(), doc.where(e.field()));
    }
}

template <class Record, class Read>
Record record_from_json(std::string_view text, Read read) {
    const positioned_document doc(text, {});
    const reader r(doc);
    return located_validation(doc, [&] {
        Record record = read(r, doc.root(), std::string());
        validate(record, {});
        return record;
    });
}

// ---------------------------------------------------------------------------------------------
// Writing

void put_text(ordered_json& out, const char* key, const std::string& value) {
    if (!value.empty()) out[key] = value;
}
void put_texts(ordered_json& out, const char* key, const std::vector<std::string>& values) {
    if (!values.empty()) out[key] = values;
}
void put_date(ordered_json& out, const char* key, const std::optional<partial_date>& value) {
    if (value) out[key] = value->to_string();
}
void put_citations(ordered_json& out, const std::vector<source_ref>& refs) {
    if (refs.empty()) return;
    ordered_json list = ordered_json::array();
    for (const auto& ref : refs) {
        if (ref.quote.empty()) {
            list.push_back(ref.source_id);
        } else {
            list.push_back(ordered_json{{"source", ref.source_id}, {"quote", ref.quote}});
        }
    }
    out["sources"] = std::move(list);
}

ordered_json write_source(const source& s) {
    ordered_json out{{"id", s.id}};
    put_text(out, "title", s.title);
    put_text(out, "publisher", s.publisher);
    put_text(out, "url", s.url);
    put_date(out, "date", s.date);
    put_text(out, "notes", s.notes);
    return out;
}

ordered_json write_partner(const partner& p) {
    ordered_json out{{"id", p.id}, {"name", p.name}};
    put_text(out, "acronym", p.acronym);
    put_texts(out, "other_names", p.other_names);
    out["kind"] = std::string(to_string(p.kind));
    put_text(out, "country", p.country);
    put_text(out, "parent_id", p.parent_id);
    put_texts(out, "focus", p.focus);
    put_text(out, "url", p.url);
    put_text(out, "notes", p.notes);
    put_citations(out, p.sources);
    return out;
}

ordered_json write_agreement(const agreement& a) {
    ordered_json out{{"id", a.id}, {"kind", std::string(to_string(a.kind))}};
    put_text(out, "title", a.title);
    ordered_json parties = ordered_json::array();
    for (const auto& p : a.parties)
        parties.push_back(ordered_json{{"partner_id", p.partner_id}, {"role", std::string(to_string(p.role))}});
    out["parties"] = std::move(parties);
    if (!a.signatories.empty()) {
        ordered_json list = ordered_json::array();
        for (const auto& s : a.signatories) {
            ordered_json one{{"name", s.name}};
            put_text(one, "title", s.title);
            put_text(one, "partner_id", s.partner_id);
            list.push_back(std::move(one));
        }
        out["signatories"] = std::move(list);
    }
    put_date(out, "signed", a.signed_date);
    put_date(out, "start", a.start);
    put_date(out, "end", a.end);
    if (a.term_months) out["term_months"] = *a.term_months;
    if (a.max_renewals) out["max_renewals"] = *a.max_renewals;
    put_text(out, "renews", a.renews);
    put_texts(out, "scope", a.scope);
    if (!a.status_changes.empty()) {
        ordered_json list = ordered_json::array();
        for (const auto& c : a.status_changes) {
            ordered_json one{{"status", std::string(to_string(c.kind))}, {"date", c.date.to_string()}};
            put_text(one, "note", c.note);
            list.push_back(std::move(one));
        }
        out["status_changes"] = std::move(list);
    }
    put_citations(out, a.sources);
    put_text(out, "notes", a.notes);
    return out;
}

std::string dump(const ordered_json& value, int indent) {
    // Invalid UTF-8 cannot come from a parsed document; from C++ callers it is replaced, not thrown.
    return value.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

/// Whole numbers up to 2^53 as JSON integers, other values (negative zero included, which an
/// integer would turn into zero) in their shortest exact form.
ordered_json write_value(const quantity& q) {
    if (q.is_missing()) return nullptr;
    if (!q.is_exact()) return q.to_string();  // "<5", ">1000", "106-111"
    const double x = q.value();
    constexpr double exact_integers = 9007199254740992.0;  // 2^53
    if (x == std::floor(x) && std::fabs(x) <= exact_integers && !std::signbit(x)) return static_cast<std::int64_t>(x);
    return x;
}

ordered_json write_observation(const observation& o) {
    ordered_json out{{"measure", o.measure}, {"value", write_value(o.value)}};
    if (o.unit != "count") out["unit"] = o.unit;
    out["period"] = o.period.to_string();
    put_text(out, "area", o.area);
    if (o.offence != "all") out["offence"] = o.offence;
    if (!o.age.is_all()) out["age"] = o.age.to_string();
    if (o.sex != sex::all) out["sex"] = std::string(to_string(o.sex));
    put_text(out, "source", o.source);
    for (const auto& [name, category] : o.extra_dimensions) out[name] = category;
    put_text(out, "note", o.note);
    return out;
}

/// Upgrades a document in place from one version to the next: document_upgrades[k] turns a
/// version k + 1 document into a version k + 2 one, so a document of any published version loads.
/// Each step has a fixture of the older version in tests/data/documents/.
using document_upgrade = void (*)(json&);
constexpr std::array<document_upgrade, document_version - 1> document_upgrades{
    // 1 -> 2: version 2 added the optional top-level "dimensions" (a table's extra dimensions);
    // a version 1 document has none, so only the version changes.
    [](json& document) { document["tipstats"] = 2; },
};

}  // namespace

dataset from_json(std::string_view text, const std::string& file) {
    const positioned_document doc(text, file);
    const reader r(doc);
    r.require_object(doc.root(), std::string());
    const json* version = reader::member(doc.root(), "tipstats");
    if (!version)
        doc.fail("not a tipstats document: the top-level object needs \"tipstats\": " + std::to_string(document_version),
                 "tipstats");
    const std::string supported = " (this version of tipstats reads versions 1 to " + std::to_string(document_version) + ")";
    if (!version->is_number_integer())
        doc.fail("unsupported document version " + version->dump() + ": a version is a whole number" + supported, "tipstats");
    const long long found = version->get<long long>();
    if (found < 1)
        doc.fail("unsupported document version " + version->dump() + ": version 1 is the first published format" +
                     supported,
                 "tipstats");
    if (found > document_version)
        doc.fail("unsupported document version " + version->dump() + ", written by a newer tipstats" + supported,
                 "tipstats");
    json upgraded;
    if (found < document_version) {
        upgraded = doc.root();
        for (long long v = found; v < document_version; ++v) document_upgrades.at(static_cast<std::size_t>(v - 1))(upgraded);
    }
    const json& root = found < document_version ? upgraded : doc.root();
    r.only_keys(root, {}, {"tipstats", "title", "sources", "partners", "agreements", "notes", "dimensions",
                           "observations"});

    std::vector<source> sources;
    std::vector<partner> partners;
    std::vector<agreement> agreements;
    std::vector<note> notes;
    r.each(root, "sources", {}, [&](const json& v, const std::string& f) { sources.push_back(read_source(r, v, f)); });
    r.each(root, "partners", {}, [&](const json& v, const std::string& f) { partners.push_back(read_partner(r, v, f)); });
    r.each(root, "agreements", {},
           [&](const json& v, const std::string& f) { agreements.push_back(read_agreement(r, v, f)); });
    r.each(root, "notes", {}, [&](const json& v, const std::string& f) { notes.push_back(read_note(r, v, f)); });
    std::vector<std::string> dimensions;
    r.each(root, "dimensions", {}, [&](const json& v, const std::string& f) {
        std::string name = r.text_value(v, f);
        try {
            observations::check_dimension_name(name);
        } catch (const validation_error& e) {
            doc.fail(e.message(), f);
        }
        if (std::find(dimensions.begin(), dimensions.end(), name) != dimensions.end())
            doc.fail("dimension '" + name + "' is declared twice", f);
        dimensions.push_back(std::move(name));
    });
    std::vector<observation> rows;
    r.each(root, "observations", {},
           [&](const json& v, const std::string& f) { rows.push_back(read_observation(r, v, f, dimensions)); });
    const std::string title = r.text(root, "title", {});

    return located_validation(doc, [&] {
        observations observations(dimensions);
        observations.extend(rows);
        return dataset(std::move(sources), std::move(partners), std::move(agreements), std::move(notes), title,
                       std::move(observations));
    });
}

std::string to_json(const dataset& dataset, int indent) {
    ordered_json out{{"tipstats", document_version}};
    put_text(out, "title", dataset.title());
    const auto list = [](const auto& records, auto write) {
        ordered_json items = ordered_json::array();
        for (const auto& record : records) items.push_back(write(record));
        return items;
    };
    out["sources"] = list(dataset.sources(), write_source);
    out["partners"] = list(dataset.partners(), write_partner);
    out["agreements"] = list(dataset.agreements(), write_agreement);
    out["notes"] = list(dataset.notes(), [](const note& n) {
        ordered_json one{{"text", n.text}};
        put_citations(one, n.sources);
        return one;
    });
    const observations& observations = dataset.observations();
    if (!observations.extra_dimensions().empty()) out["dimensions"] = observations.extra_dimensions();
    out["observations"] = ordered_json::array();
    for (std::size_t i = 0; i < observations.size(); ++i) out["observations"].push_back(write_observation(observations[i]));
    return dump(out, indent) + "\n";
}

dataset load(const std::filesystem::path& path) { return from_json(read_text_file(path), path.string()); }

void save(const dataset& dataset, const std::filesystem::path& path) { write_text_file_atomically(path, to_json(dataset)); }

std::string to_json(const partner& partner) { return dump(write_partner(partner), -1); }
std::string to_json(const agreement& agreement) { return dump(write_agreement(agreement), -1); }

partner partner_from_json(std::string_view text) { return record_from_json<partner>(text, read_partner); }
agreement agreement_from_json(std::string_view text) { return record_from_json<agreement>(text, read_agreement); }

}  // namespace tipstats::io
