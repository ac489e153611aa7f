// tipstats.Partner, Agreement, Dataset and their registries; JSON documents (tipstats::io).
// Records are frozen: built once with keyword arguments, read through properties. Registries are
// immutable snapshots shared with the Dataset that made them.
#include "casters.hpp"
#include "register.hpp"

#include <tipstats/io/json_document.hpp>
#include <tipstats/model/dataset.hpp>

#include <pybind11/stl.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace py = pybind11;
using namespace tipstats;

namespace {

py::object none_if_empty(const std::string& s) { return s.empty() ? py::none() : py::object(py::str(s)); }
std::string or_empty(const std::optional<std::string>& s) { return s.value_or(std::string()); }
std::string quoted(const std::string& s) { return py::repr(py::str(s)).cast<std::string>(); }

/// Runs `parse` and names `field` in a parse_error it throws ("kind", "window").
template <class F>
auto naming(const char* field, F parse) {
    try {
        return parse();
    } catch (const parse_error& e) {
        throw e.located({{}, 0, 0, field});
    }
}

/// A date that may be partial, from None, a PartialDate, a datetime.date or text ("2019", "2019-08",
/// "2019-08-01"); a ParseError names `field`.
std::optional<PartialDate> partial_date_arg(const py::object& value, const char* field) {
    if (value.is_none()) return std::nullopt;
    if (py::isinstance<py::str>(value)) return naming(field, [&] { return PartialDate::parse(value.cast<std::string>()); });
    if (py::isinstance<PartialDate>(value)) return value.cast<PartialDate>();
    try {
        return PartialDate(value.cast<Date>());
    } catch (const py::cast_error&) {
        throw py::type_error(std::string(field) + ": expected a PartialDate, a datetime.date, text such as '2019-08' or None, got " +
                             py::str(py::type::of(value).attr("__name__")).cast<std::string>());
    }
}

std::optional<py::tuple> bounds_tuple(const std::optional<DateBounds>& b) {
    if (!b) return std::nullopt;
    return py::make_tuple(b->earliest, b->latest);
}

py::object json_loads(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

/// Pickling through a record's JSON form, with a format version.
constexpr int json_state_version = 1;

template <class T, class ToJson, class FromJson>
void add_json_pickling(py::class_<T>& cls, ToJson to_json, FromJson from_json) {
    cls.def(py::pickle([to_json](const T& value) { return py::make_tuple(json_state_version, to_json(value)); },
                       [from_json](const py::tuple& state) {
                           if (state.size() != 2 || state[0].cast<int>() != json_state_version)
                               throw parse_error("unsupported pickled state for " + std::string(py::type_id<T>()));
                           return from_json(state[1].cast<std::string>());
                       }));
}

/// Pickling of a small value as (version, its fields...): ``fields`` gives the fields as a tuple and
/// ``make`` builds the value back from them.
template <class T, class Fields, class Make>
void add_tuple_pickling(py::class_<T>& cls, Fields fields, Make make) {
    cls.def(py::pickle([fields](const T& value) { return py::tuple(py::make_tuple(json_state_version) + fields(value)); },
                       [make](const py::tuple& state) {
                           if (state.empty() || state[0].cast<int>() != json_state_version)
                               throw parse_error("unsupported pickled state for " + std::string(py::type_id<T>()));
                           return make(py::tuple(state[py::slice(1, static_cast<py::ssize_t>(state.size()), 1)]));
                       }));
}

std::string dataset_repr(const Dataset& ds) {
    const auto plural = [](std::size_t n, const char* word) {
        return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
    };
    std::string out = "Dataset(";
    if (!ds.title().empty()) out += quoted(ds.title()) + ", ";
    return out + plural(ds.partners().size(), "partner") + ", " + plural(ds.agreements().size(), "agreement") + ", " +
           plural(ds.observations().size(), "observation") + ", " + plural(ds.sources().size(), "source") + ")";
}

std::string agreement_repr(const Agreement& a) {
    std::string parties;
    for (const auto& p : a.parties) parties += (parties.empty() ? "" : ", ") + quoted(p.partner_id);
    std::string out = "Agreement(" + quoted(a.id) + ", kind='" + std::string(to_string(a.kind)) + "', parties=[" +
                      parties + "]";
    if (a.signed_date) out += ", signed='" + a.signed_date->to_string() + "'";
    if (a.start) out += ", start='" + a.start->to_string() + "'";
    if (a.end) out += ", end='" + a.end->to_string() + "'";
    if (a.term_months) out += ", term_months=" + std::to_string(*a.term_months);
    if (!a.renews.empty()) out += ", renews=" + quoted(a.renews);
    return out + ")";
}

std::string partner_repr(const Partner& p) {
    std::string out = "Partner(" + quoted(p.id) + ", " + quoted(p.name);
    if (!p.acronym.empty()) out += ", acronym=" + quoted(p.acronym);
    out += ", kind='" + std::string(to_string(p.kind)) + "'";
    if (!p.country.empty()) out += ", country=" + quoted(p.country);
    if (!p.parent_id.empty()) out += ", parent_id=" + quoted(p.parent_id);
    return out + ")";
}

template <class Registry>
void add_registry_protocol(py::class_<Registry, std::shared_ptr<Registry>>& cls, const char* what) {
    cls.def("__len__", [](const Registry& r) { return r.size(); })
        .def("__iter__",
             [](const Registry& r) { return py::make_iterator<py::return_value_policy::copy>(r.begin(), r.end()); },
             py::keep_alive<0, 1>())
        .def("__contains__", [](const Registry& r, const std::string& id) { return r.contains(id); }, py::arg("id"))
        .def("__getitem__", [](const Registry& r, const std::string& id) { return r.get(id); }, py::arg("id"))
        .def("get", [](const Registry& r, const std::string& id) { return r.get(id); }, py::arg("id"),
             (std::string("The ") + what + " with this exact id; raises NotFoundError (a KeyError).").c_str())
        .def_property_readonly("ids", [](const Registry& r) {
            std::vector<std::string> ids;
            for (const auto& record : r) ids.push_back(record.id);
            return ids;
        }, "The ids in the order given.");
}

}  // namespace

void register_model(py::module_& m) {
    m.def("fold_name", &fold_name, py::arg("name"), R"doc(
The key names are matched by: ASCII and Latin-1 / Latin Extended-A letters lose case and
diacritics (``"Lés ÉNFANTS"`` -> ``"les enfants"``; æ -> ae, ß -> ss, œ -> oe), runs of white space
become one space and the ends are trimmed. Other scripts (Khmer, ...) are kept exactly.
)doc");

    // ----- sources and citations
    py::class_<SourceRef> source_ref_cls(m, "SourceRef", "A citation: a source id and, optionally, the quoted words.");
    source_ref_cls
        .def(py::init([](std::string source, const std::optional<std::string>& quote) {
                 return SourceRef{std::move(source), or_empty(quote)};
             }),
             py::arg("source"), py::arg("quote") = py::none())
        .def_property_readonly("source", [](const SourceRef& r) { return r.source_id; })
        .def_property_readonly("quote", [](const SourceRef& r) { return none_if_empty(r.quote); })
        .def("__eq__", [](const SourceRef& a, const SourceRef& b) { return a == b; })
        .def("__hash__", [](const SourceRef& r) { return std::hash<std::string>{}(r.source_id + '\n' + r.quote); })
        .def("__repr__", [](const SourceRef& r) {
            return "SourceRef(" + quoted(r.source_id) + (r.quote.empty() ? "" : ", quote=" + quoted(r.quote)) + ")";
        });
    add_tuple_pickling(source_ref_cls, [](const SourceRef& r) { return py::make_tuple(r.source_id, r.quote); },
                        [](const py::tuple& t) { return SourceRef{t[0].cast<std::string>(), t[1].cast<std::string>()}; });
    py::implicitly_convertible<py::str, SourceRef>();

    py::class_<Source> source_cls(m, "Source", "A publication facts are taken from (report, article, dataset).");
    source_cls
        .def(py::init([](std::string id, const std::optional<std::string>& title, const std::optional<std::string>& publisher,
                         const std::optional<std::string>& url, const py::object& date,
                         const std::optional<std::string>& notes) {
                 return Source{std::move(id), or_empty(title), or_empty(publisher), or_empty(url),
                               partial_date_arg(date, "date"), or_empty(notes)};
             }),
             py::arg("id"), py::kw_only(), py::arg("title") = py::none(), py::arg("publisher") = py::none(),
             py::arg("url") = py::none(), py::arg("date") = py::none(), py::arg("notes") = py::none())
        .def_property_readonly("id", [](const Source& s) { return s.id; })
        .def_property_readonly("title", [](const Source& s) { return none_if_empty(s.title); })
        .def_property_readonly("publisher", [](const Source& s) { return none_if_empty(s.publisher); })
        .def_property_readonly("url", [](const Source& s) { return none_if_empty(s.url); })
        .def_property_readonly("date", [](const Source& s) { return s.date; })
        .def_property_readonly("notes", [](const Source& s) { return none_if_empty(s.notes); })
        .def("__eq__", [](const Source& a, const Source& b) { return a == b; })
        .def("__repr__", [](const Source& s) {
            std::string out = "Source(" + quoted(s.id);
            if (!s.publisher.empty()) out += ", publisher=" + quoted(s.publisher);
            if (s.date) out += ", date='" + s.date->to_string() + "'";
            return out + ")";
        });
    add_tuple_pickling(source_cls, [](const Source& s) { return py::make_tuple(s.id, s.title, s.publisher, s.url, s.date, s.notes); },
            [](const py::tuple& t) {
                return Source{t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<std::string>(),
                              t[3].cast<std::string>(), t[4].cast<std::optional<PartialDate>>(), t[5].cast<std::string>()};
            });

    py::class_<Note> note_cls(m, "Note", "A statement about the dataset as a whole, with its sources.");
    note_cls.def(py::init([](std::string text, std::vector<SourceRef> sources) { return Note{std::move(text), std::move(sources)}; }),
             py::arg("text"), py::arg("sources") = std::vector<SourceRef>{})
        .def_property_readonly("text", [](const Note& n) { return n.text; })
        .def_property_readonly("sources", [](const Note& n) { return n.sources; })
        .def("__eq__", [](const Note& a, const Note& b) { return a == b; })
        .def("__repr__", [](const Note& n) { return "Note(" + quoted(n.text) + ")"; });
    add_tuple_pickling(note_cls, [](const Note& n) { return py::make_tuple(n.text, n.sources); },
                        [](const py::tuple& t) { return Note{t[0].cast<std::string>(), t[1].cast<std::vector<SourceRef>>()}; });

    // ----- partners
    py::class_<Partner> partner_cls(m, "Partner", R"doc(
An organisation that signs agreements (after Popolo's Organization).

``kind`` is one of government_ministry, national_committee, law_enforcement, ngo,
international_ngo, coalition, faith_based, un_agency, other; ``country`` an ISO 3166-1 alpha-3 code.
Raises ValidationError (naming the field) for a bad id, an empty name or a bad country code.
)doc");
    partner_cls
        .def(py::init([](std::string id, std::string name, const std::optional<std::string>& acronym,
                         std::vector<std::string> other_names, const std::string& kind,
                         const std::optional<std::string>& country, const std::optional<std::string>& parent_id,
                         std::vector<std::string> focus, const std::optional<std::string>& url,
                         const std::optional<std::string>& notes, std::vector<SourceRef> sources) {
                 Partner p{std::move(id), std::move(name), or_empty(acronym), std::move(other_names),
                           naming("kind", [&] { return parse_partner_kind(kind); }), or_empty(country),
                           or_empty(parent_id), std::move(focus), or_empty(url), or_empty(notes), std::move(sources)};
                 validate(p, {});
                 return p;
             }),
             py::arg("id"), py::arg("name"), py::kw_only(), py::arg("acronym") = py::none(),
             py::arg("other_names") = std::vector<std::string>{}, py::arg("kind") = "other",
             py::arg("country") = py::none(), py::arg("parent_id") = py::none(),
             py::arg("focus") = std::vector<std::string>{}, py::arg("url") = py::none(), py::arg("notes") = py::none(),
             py::arg("sources") = std::vector<SourceRef>{})
        .def_property_readonly("id", [](const Partner& p) { return p.id; })
        .def_property_readonly("name", [](const Partner& p) { return p.name; })
        .def_property_readonly("acronym", [](const Partner& p) { return none_if_empty(p.acronym); })
        .def_property_readonly("other_names", [](const Partner& p) { return p.other_names; })
        .def_property_readonly("kind", [](const Partner& p) { return std::string(to_string(p.kind)); })
        .def_property_readonly("country", [](const Partner& p) { return none_if_empty(p.country); })
        .def_property_readonly("parent_id", [](const Partner& p) { return none_if_empty(p.parent_id); })
        .def_property_readonly("focus", [](const Partner& p) { return p.focus; })
        .def_property_readonly("url", [](const Partner& p) { return none_if_empty(p.url); })
        .def_property_readonly("notes", [](const Partner& p) { return none_if_empty(p.notes); })
        .def_property_readonly("sources", [](const Partner& p) { return p.sources; })
        .def_property_readonly("names", [](const Partner& p) {
            std::vector<std::string> out;
            for (const auto n : p.names()) out.emplace_back(n);
            return out;
        }, "Every name it can be found by: id, name, acronym, other names.")
        .def("to_dict", [](const Partner& p) { return json_loads(io::to_json(p)); }, "The partner as in a document.")
        .def("__eq__", [](const Partner& a, const Partner& b) { return a == b; })
        .def("__hash__", [](const Partner& p) { return std::hash<std::string>{}(io::to_json(p)); })
        .def("__repr__", &partner_repr);
    add_json_pickling(partner_cls, [](const Partner& p) { return io::to_json(p); }, &io::partner_from_json);

    // ----- agreements
    py::class_<Party> party_cls(m, "Party", "A partner bound by an agreement, with its role (signatory, witness, lead, "
                                        "implementing, funding). A plain partner id converts to a signatory.");
    party_cls
        .def(py::init([](std::string partner_id, const std::string& role) {
                 return Party{std::move(partner_id), naming("role", [&] { return parse_party_role(role); })};
             }),
             py::arg("partner_id"), py::arg("role") = "signatory")
        .def(py::init([](const py::str& partner_id) { return Party{partner_id.cast<std::string>(), party_role::signatory}; }))
        .def_property_readonly("partner_id", [](const Party& p) { return p.partner_id; })
        .def_property_readonly("role", [](const Party& p) { return std::string(to_string(p.role)); })
        .def("__eq__", [](const Party& a, const Party& b) { return a == b; })
        .def("__repr__", [](const Party& p) {
            return "Party(" + quoted(p.partner_id) + ", role='" + std::string(to_string(p.role)) + "')";
        });
    add_tuple_pickling(party_cls, [](const Party& p) { return py::make_tuple(p.partner_id, std::string(to_string(p.role))); },
                        [](const py::tuple& t) {
                            return Party{t[0].cast<std::string>(), parse_party_role(t[1].cast<std::string>())};
                        });
    py::implicitly_convertible<py::str, Party>();

    py::class_<Signatory> signatory_cls(m, "Signatory", "A person who signed, as the source names them.");
    signatory_cls
        .def(py::init([](std::string name, const std::optional<std::string>& title,
                         const std::optional<std::string>& partner_id) {
                 return Signatory{std::move(name), or_empty(title), or_empty(partner_id)};
             }),
             py::arg("name"), py::kw_only(), py::arg("title") = py::none(), py::arg("partner_id") = py::none())
        .def_property_readonly("name", [](const Signatory& s) { return s.name; })
        .def_property_readonly("title", [](const Signatory& s) { return none_if_empty(s.title); })
        .def_property_readonly("partner_id", [](const Signatory& s) { return none_if_empty(s.partner_id); })
        .def("__eq__", [](const Signatory& a, const Signatory& b) { return a == b; })
        .def("__repr__", [](const Signatory& s) {
            std::string out = "Signatory(" + quoted(s.name);
            if (!s.title.empty()) out += ", title=" + quoted(s.title);
            if (!s.partner_id.empty()) out += ", partner_id=" + quoted(s.partner_id);
            return out + ")";
        });
    add_tuple_pickling(signatory_cls, [](const Signatory& s) { return py::make_tuple(s.name, s.title, s.partner_id); },
                        [](const py::tuple& t) {
                            return Signatory{t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<std::string>()};
                        });

    py::class_<StatusChange> status_change_cls(m, "StatusChange",
                                           "A dated change of status: 'suspended', 'resumed' or 'terminated'.");
    status_change_cls
        .def(py::init([](const std::string& status, const py::object& date, const std::optional<std::string>& note) {
                 const auto day = partial_date_arg(date, "date");
                 if (!day) throw py::type_error("date: a status change needs a date");
                 return StatusChange{naming("status", [&] { return parse_status_change_kind(status); }), *day,
                                     or_empty(note)};
             }),
             py::arg("status"), py::arg("date"), py::arg("note") = py::none())
        .def_property_readonly("status", [](const StatusChange& c) { return std::string(to_string(c.kind)); })
        .def_property_readonly("date", [](const StatusChange& c) { return c.date; })
        .def_property_readonly("note", [](const StatusChange& c) { return none_if_empty(c.note); })
        .def("__eq__", [](const StatusChange& a, const StatusChange& b) { return a == b; })
        .def("__repr__", [](const StatusChange& c) {
            return "StatusChange('" + std::string(to_string(c.kind)) + "', '" + c.date.to_string() + "')";
        });
    add_tuple_pickling(status_change_cls, [](const StatusChange& c) { return py::make_tuple(std::string(to_string(c.kind)), c.date, c.note); },
            [](const py::tuple& t) {
                return StatusChange{parse_status_change_kind(t[0].cast<std::string>()), t[1].cast<PartialDate>(),
                                    t[2].cast<std::string>()};
            });

    py::class_<Agreement> agreement_cls(m, "Agreement", R"doc(
A memorandum of understanding or other agreement between partners (after OCDS contracts).

Dates may be partial (``"2019"``, ``"2019-08"``, ``"2019-08-01"``, a ``datetime.date`` or a
``PartialDate``). The term runs from ``start`` (or, when absent, the signing date) to ``end`` (or
``start + term_months - 1 day``: a three-year MoU from 2019-08-01 ends 2022-07-31). A status is only
claimed when it holds for every day the partial dates allow; otherwise it is ``'unknown'``.
Raises ValidationError naming the field for an end before the start, a term that disagrees with the
end, a non-positive term or a party listed twice.
)doc");
    agreement_cls
        .def(py::init([](std::string id, std::vector<Party> parties, const std::string& kind,
                         const std::optional<std::string>& title, std::vector<Signatory> signatories,
                         const py::object& signed_date, const py::object& start, const py::object& end,
                         std::optional<int> term_months,
                         std::optional<int> max_renewals, const std::optional<std::string>& renews,
                         std::vector<std::string> scope, std::vector<StatusChange> status_changes,
                         std::vector<SourceRef> sources, const std::optional<std::string>& notes) {
                 Agreement a;
                 a.id = std::move(id);
                 a.kind = naming("kind", [&] { return parse_agreement_kind(kind); });
                 a.title = or_empty(title);
                 a.parties = std::move(parties);
                 a.signatories = std::move(signatories);
                 a.signed_date = partial_date_arg(signed_date, "signed");
                 a.start = partial_date_arg(start, "start");
                 a.end = partial_date_arg(end, "end");
                 a.term_months = term_months;
                 a.max_renewals = max_renewals;
                 a.renews = or_empty(renews);
                 a.scope = std::move(scope);
                 a.status_changes = std::move(status_changes);
                 a.sources = std::move(sources);
                 a.notes = or_empty(notes);
                 validate(a, {});
                 return a;
             }),
             py::arg("id"), py::arg("parties"), py::kw_only(), py::arg("kind") = "mou", py::arg("title") = py::none(),
             py::arg("signatories") = std::vector<Signatory>{}, py::arg("signed") = py::none(),
             py::arg("start") = py::none(), py::arg("end") = py::none(), py::arg("term_months") = py::none(),
             py::arg("max_renewals") = py::none(), py::arg("renews") = py::none(),
             py::arg("scope") = std::vector<std::string>{}, py::arg("status_changes") = std::vector<StatusChange>{},
             py::arg("sources") = std::vector<SourceRef>{}, py::arg("notes") = py::none())
        .def_property_readonly("id", [](const Agreement& a) { return a.id; })
        .def_property_readonly("kind", [](const Agreement& a) { return std::string(to_string(a.kind)); },
                               "'mou', 'renewal', 'amendment' or 'agreement'.")
        .def_property_readonly("title", [](const Agreement& a) { return none_if_empty(a.title); })
        .def_property_readonly("parties", [](const Agreement& a) { return a.parties; })
        .def_property_readonly("party_ids", &Agreement::party_ids)
        .def_property_readonly("signatories", [](const Agreement& a) { return a.signatories; })
        .def_property_readonly("signed", [](const Agreement& a) { return a.signed_date; }, "PartialDate or None.")
        .def_property_readonly("start", [](const Agreement& a) { return a.start; }, "PartialDate or None.")
        .def_property_readonly("end", [](const Agreement& a) { return a.end; }, "PartialDate or None.")
        .def_property_readonly("term_months", [](const Agreement& a) { return a.term_months; })
        .def_property_readonly("max_renewals", [](const Agreement& a) { return a.max_renewals; })
        .def_property_readonly("renews", [](const Agreement& a) { return none_if_empty(a.renews); })
        .def_property_readonly("scope", [](const Agreement& a) { return a.scope; })
        .def_property_readonly("status_changes", [](const Agreement& a) { return a.status_changes; })
        .def_property_readonly("sources", [](const Agreement& a) { return a.sources; })
        .def_property_readonly("notes", [](const Agreement& a) { return none_if_empty(a.notes); })
        .def_property_readonly("is_renewal", &Agreement::is_renewal)
        .def_property_readonly("renewal_count", &Agreement::renewal_count, R"doc(
Renewals up to and including this agreement in its chain: 0 for an original agreement, 2 for the
second renewal. A renewal whose predecessor is not in the dataset counts as one, so this is a lower
bound when the early history is missing. Outside a dataset: 1 for a renewal, else 0.
)doc")
        .def_property_readonly("start_bounds", [](const Agreement& a) { return bounds_tuple(a.start_bounds()); },
                               "(earliest, latest) first day in force: start, else the signing date; None if unknown.")
        .def_property_readonly("end_bounds", [](const Agreement& a) { return bounds_tuple(a.end_bounds()); },
                               "(earliest, latest) last day of the term; None if unknown.")
        .def_property_readonly("last_day_bounds", [](const Agreement& a) { return bounds_tuple(a.last_day_bounds()); },
                               "(earliest, latest) last day in force, counting an early termination.")
        .def("status_on", [](const Agreement& a, const Date& day) { return std::string(to_string(a.status_on(day))); },
             py::arg("date"),
             "'pending', 'active', 'expired', 'terminated', 'suspended' or 'unknown' on ``date``.")
        .def("has_party", &Agreement::has_party, py::arg("partner_id"))
        .def("to_dict", [](const Agreement& a) { return json_loads(io::to_json(a)); }, "The agreement as in a document.")
        .def("__eq__", [](const Agreement& a, const Agreement& b) { return a == b; })
        .def("__hash__", [](const Agreement& a) { return std::hash<std::string>{}(io::to_json(a)); })
        .def("__repr__", &agreement_repr);
    // The JSON form plus the renewal count the dataset derived, which the JSON form does not hold.
    agreement_cls.def(py::pickle(
        [](const Agreement& a) {
            return py::make_tuple(json_state_version, io::to_json(a), detail::agreement_derived::renewal_count(a));
        },
        [](const py::tuple& state) {
            if (state.size() != 3 || state[0].cast<int>() != json_state_version)
                throw parse_error("unsupported pickled state for tipstats.Agreement");
            Agreement a = io::agreement_from_json(state[1].cast<std::string>());
            detail::agreement_derived::set_renewal_count(a, state[2].cast<std::optional<std::size_t>>());
            return a;
        }));

    // ----- results of registry queries
    py::class_<Transition> transition_cls(m, "Transition", R"doc(
Two consecutive agreements of a partnership. ``gap_days``: days between the last day of the first
and the first day of the second, both excluded (0: back to back; negative: overlap); None when a date
is not known to the day.
)doc");
    transition_cls.def_property_readonly("from_id", [](const Transition& t) { return t.from_id; })
        .def_property_readonly("to_id", [](const Transition& t) { return t.to_id; })
        .def_property_readonly("gap_days", [](const Transition& t) { return t.gap_days; })
        .def_property_readonly("overlap_days", &Transition::overlap_days)
        .def("__eq__", [](const Transition& a, const Transition& b) { return a == b; })
        .def("__repr__", [](const Transition& t) {
            return "Transition(" + quoted(t.from_id) + ", " + quoted(t.to_id) +
                   ", gap_days=" + (t.gap_days ? std::to_string(*t.gap_days) : std::string("None")) + ")";
        })
        .def(py::pickle([](const Transition& t) { return py::make_tuple(t.from_id, t.to_id, t.gap_days); },
                        [](const py::tuple& s) {
                            return Transition{s[0].cast<std::string>(), s[1].cast<std::string>(),
                                              s[2].cast<std::optional<long>>()};
                        }));

    py::class_<Continuity> continuity_cls(m, "Continuity", "The agreements between two partners in time order, with "
                                                       "the transitions between consecutive ones.");
    continuity_cls.def_property_readonly("partner_ids", [](const Continuity& c) {
                  return py::make_tuple(c.first_partner_id, c.second_partner_id);
              })
        .def_property_readonly("agreement_ids", [](const Continuity& c) { return c.agreement_ids; })
        .def_property_readonly("transitions", [](const Continuity& c) { return c.transitions; })
        .def_property_readonly("gaps", [](const Continuity& c) {
            std::vector<Transition> out;
            for (const auto& t : c.transitions)
                if (t.gap_days && *t.gap_days > 0) out.push_back(t);
            return out;
        }, "Transitions that leave days uncovered.")
        .def_property_readonly("overlaps", [](const Continuity& c) {
            std::vector<Transition> out;
            for (const auto& t : c.transitions)
                if (t.gap_days && *t.gap_days < 0) out.push_back(t);
            return out;
        }, "Transitions where both agreements are in force.")
        .def("__repr__", [](const Continuity& c) {
            std::string ids;
            for (const auto& id : c.agreement_ids) ids += (ids.empty() ? "" : ", ") + quoted(id);
            return "Continuity(" + quoted(c.first_partner_id) + ", " + quoted(c.second_partner_id) + ", [" + ids + "])";
        })
        .def(py::pickle(
            [](const Continuity& c) {
                return py::make_tuple(c.first_partner_id, c.second_partner_id, c.agreement_ids, c.transitions);
            },
            [](const py::tuple& s) {
                return Continuity{s[0].cast<std::string>(), s[1].cast<std::string>(),
                                  s[2].cast<std::vector<std::string>>(), s[3].cast<std::vector<Transition>>()};
            }));

    py::class_<Coverage> coverage_cls(m, "Coverage", R"doc(
Days of a window covered by some agreement between two partners: ``certain_days`` under every reading
of the known dates, ``possible_days`` under at least one (an unknown end may run to the window's end).
Suspensions are not removed.
)doc");
    coverage_cls.def_property_readonly("window", [](const Coverage& c) { return c.window; })
        .def_property_readonly("window_days", [](const Coverage& c) { return c.window.days(); })
        .def_property_readonly("certain_days", [](const Coverage& c) { return c.certain_days; })
        .def_property_readonly("possible_days", [](const Coverage& c) { return c.possible_days; })
        .def("__repr__", [](const Coverage& c) {
            return "Coverage('" + c.window.to_string() + "', certain_days=" + std::to_string(c.certain_days) +
                   ", possible_days=" + std::to_string(c.possible_days) + ", window_days=" +
                   std::to_string(c.window.days()) + ")";
        })
        .def(py::pickle([](const Coverage& c) { return py::make_tuple(c.window, c.certain_days, c.possible_days); },
                        [](const py::tuple& s) {
                            return Coverage{s[0].cast<Period>(), s[1].cast<long>(), s[2].cast<long>()};
                        }));

    // ----- registries
    py::class_<SourceRegistry, std::shared_ptr<SourceRegistry>> sources_cls(m, "SourceRegistry",
                                                                          "The sources of a dataset (read-only).");
    add_registry_protocol(sources_cls, "source");
    sources_cls.def("__repr__", [](const SourceRegistry& r) { return "<SourceRegistry: " + std::to_string(r.size()) + " sources>"; });

    py::class_<PartnerRegistry, std::shared_ptr<PartnerRegistry>> partners_cls(m, "PartnerRegistry", R"doc(
The partners of a dataset (read-only): unique ids, known parents, lookup by any name.
``registry["aple"]`` takes an exact id; ``registry.find("Action Pour Les Enfants")`` also takes an
acronym or any name, ignoring case, Latin diacritics and extra spaces (see ``tipstats.fold_name``).
)doc");
    add_registry_protocol(partners_cls, "partner");
    partners_cls
        .def("find", &PartnerRegistry::find, py::arg("key"), py::return_value_policy::copy,
             "The partner known by ``key`` (id, acronym or name). Raises NotFoundError when none, "
             "DomainError when several share that name.")
        .def("find_all", [](const PartnerRegistry& r, const std::string& key) {
            std::vector<Partner> out;
            for (const Partner* p : r.find_all(key)) out.push_back(*p);
            return out;
        }, py::arg("key"), "Every partner known by ``key``.")
        .def("parent_chain", &PartnerRegistry::parent_chain, py::arg("id"),
             "The partner, its parent, its parent's parent... (e.g. a national committee, then its ministry).")
        .def("__repr__", [](const PartnerRegistry& r) { return "<PartnerRegistry: " + std::to_string(r.size()) + " partners>"; });

    py::class_<AgreementRegistry, std::shared_ptr<AgreementRegistry>> agreements_cls(m, "AgreementRegistry", R"doc(
The agreements of a dataset (read-only), checked against its partners. Partners can be named by id,
acronym or any name wherever a partner is asked for.
)doc");
    add_registry_protocol(agreements_cls, "agreement");
    agreements_cls
        .def("active_on", &AgreementRegistry::active_on, py::arg("date"),
             "Agreements certainly in force on ``date`` (status 'active').")
        .def("with_status", [](const AgreementRegistry& r, const std::string& status, const Date& day) {
            return r.with_status(naming("status", [&] { return parse_agreement_status(status); }), day);
        }, py::arg("status"), py::arg("date"), "Agreements whose status on ``date`` is ``status``.")
        .def("status_on", [](const AgreementRegistry& r, const Date& day) {
            py::dict out;
            for (const auto& a : r) out[py::str(a.id)] = std::string(to_string(a.status_on(day)));
            return out;
        }, py::arg("date"), "{agreement id: status} on ``date``.")
        .def("involving", &AgreementRegistry::involving, py::arg("partner"), "Agreements a partner is party to.")
        .def("between", &AgreementRegistry::between, py::arg("first"), py::arg("second"),
             "Agreements both partners are party to.")
        .def("chain", &AgreementRegistry::chain, py::arg("id"), "The renewal chain the agreement belongs to, oldest first.")
        .def("renewal_count", &AgreementRegistry::renewal_count, py::arg("id"), "See Agreement.renewal_count.")
        .def("renewed_by", &AgreementRegistry::renewed_by, py::arg("id"), "Id of the agreement renewing this one, or None.")
        .def("continuity", &AgreementRegistry::continuity, py::arg("first"), py::arg("second"),
             "The partnership's agreements ordered by start, with gaps and overlaps between consecutive terms.")
        .def("coverage", [](const AgreementRegistry& r, const std::string& first, const std::string& second,
                            const py::object& window) {
            const Period w = py::isinstance<py::str>(window)
                                 ? naming("window", [&] { return Period::parse(window.cast<std::string>()); })
                                 : window.cast<Period>();
            return r.coverage(first, second, w);
        }, py::arg("first"), py::arg("second"), py::arg("window"),
             "Days of ``window`` (a Period or its text, e.g. '2019' or '2019-01-01/2021-06-30') covered by an "
             "agreement between the two partners.")
        .def("__repr__", [](const AgreementRegistry& r) {
            return "<AgreementRegistry: " + std::to_string(r.size()) + " agreements>";
        });

    // ----- datasets
    py::class_<Dataset> dataset_cls(m, "Dataset", R"doc(
Partners, agreements and the sources they cite, checked as a whole: a Dataset is complete and
consistent or not built at all (ValidationError naming the field, e.g.
``agreements[2].parties[0].partner_id``). Saved and loaded as a versioned JSON document
(``{"tipstats": 1, ...}``); errors in a file name its line and column.
)doc");
    dataset_cls
        .def(py::init([](std::vector<Partner> partners, std::vector<Agreement> agreements, std::vector<Source> sources,
                         std::vector<Note> notes, const std::optional<std::string>& title, Observations observations) {
                 return Dataset(std::move(sources), std::move(partners), std::move(agreements), std::move(notes),
                                or_empty(title), std::move(observations));
             }),
             py::arg("partners") = std::vector<Partner>{}, py::arg("agreements") = std::vector<Agreement>{},
             py::kw_only(), py::arg("sources") = std::vector<Source>{}, py::arg("notes") = std::vector<Note>{},
             py::arg("title") = py::none(), py::arg_v("observations", Observations{}, "Observations()"))
        .def_property_readonly("title", [](const Dataset& d) { return none_if_empty(d.title()); })
        .def_property_readonly("notes", &Dataset::notes)
        // The registries are immutable snapshots: one taken before an add_* does not see the addition.
        .def_property_readonly("sources", [](const Dataset& d) { return std::const_pointer_cast<SourceRegistry>(d.shared_sources()); },
                               "The sources (a read-only snapshot).")
        .def_property_readonly("partners", [](const Dataset& d) { return std::const_pointer_cast<PartnerRegistry>(d.shared_partners()); },
                               "The partners (a read-only snapshot): ``find``, ``parent_chain``, ``[id]``.")
        .def_property_readonly("agreements", [](const Dataset& d) {
            return std::const_pointer_cast<AgreementRegistry>(d.shared_agreements());
        }, "The agreements (a read-only snapshot): ``active_on``, ``between``, ``chain``, ``continuity``, ...")
        .def_property_readonly("observations", [](const Dataset& d) { return d.observations(); },
                               "The observations (a copy: change the dataset with ``add_observations``).")
        .def("add_observations", py::overload_cast<const Observations&>(&Dataset::add_observations), py::arg("rows"),
             "Adds every row of an Observations table, or none: rows are checked and must cite known sources.")
        .def("add_source", &Dataset::add_source, py::arg("source"))
        .def("add_partner", &Dataset::add_partner, py::arg("partner"),
             "Adds a partner after checking the whole dataset with it; changes nothing if that fails.")
        .def("add_agreement", &Dataset::add_agreement, py::arg("agreement"),
             "Adds an agreement after checking the whole dataset with it; changes nothing if that fails.")
        .def("add_note", &Dataset::add_note, py::arg("note"))
        .def_static("from_json", [](const std::string& text) { return io::from_json(text); }, py::arg("text"),
                    "Parse a dataset document. Raises ParseError or ValidationError with line, column and field.")
        .def("to_json", [](const Dataset& d, int indent) { return io::to_json(d, indent); }, py::arg("indent") = 2,
             "The dataset as a JSON document.")
        .def_static("load", [](const py::object& path) {
            const py::object fspath = py::module_::import("os").attr("fspath")(path);
            // Bytes, so that text which is not UTF-8 is a ParseError with its line, like any other.
            const py::bytes content = py::module_::import("pathlib").attr("Path")(fspath).attr("read_bytes")();
            return io::from_json(content.cast<std::string>(), py::str(fspath).cast<std::string>());
        }, py::arg("path"), "Read a dataset document (UTF-8). Errors name the file, line, column and field.")
        .def("save", [](const Dataset& d, const py::object& path) {
            io::save(d, py::module_::import("os").attr("fspath")(path).cast<std::string>());
        }, py::arg("path"),
             "Write the dataset as a JSON document (UTF-8), atomically: a temporary file beside it is renamed "
             "over the old one, so an interrupted save leaves the old file intact.")
        .def("to_dict", [](const Dataset& d) { return json_loads(io::to_json(d)); })
        .def("__eq__", [](const Dataset& a, const Dataset& b) { return a == b; })
        .def("__repr__", &dataset_repr);
    add_json_pickling(dataset_cls, [](const Dataset& d) { return io::to_json(d); },
                      [](const std::string& text) { return io::from_json(text); });
}
