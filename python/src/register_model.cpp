// tipstats.Partner, Agreement, Dataset and their registries; JSON documents (tipstats::io).
// Records are frozen: built once with keyword arguments, read through properties. Registries are
// immutable snapshots shared with the Dataset that made them.
#include "casters.hpp"
#include "pickle_state.hpp"
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

/// Python's registries are read-only snapshots: a query's records reach Python as copies.
template <class Record>
std::vector<Record> copies(const std::vector<const Record*>& records) {
    std::vector<Record> out;
    out.reserve(records.size());
    for (const Record* r : records) out.push_back(*r);
    return out;
}

/// Runs `parse` and names `field` in a parse_error it throws ("kind", "window").
template <class F>
auto naming(const char* field, F parse) {
    try {
        return parse();
    } catch (const parse_error& e) {
        throw e.located({{}, 0, 0, field});
    }
}

/// A date that may be partial, from None, a partial_date, a datetime.date or text ("2019", "2019-08",
/// "2019-08-01"); a ParseError names `field`.
std::optional<partial_date> partial_date_arg(const py::object& value, const char* field) {
    if (value.is_none()) return std::nullopt;
    if (py::isinstance<py::str>(value)) return naming(field, [&] { return partial_date::parse(value.cast<std::string>()); });
    if (py::isinstance<partial_date>(value)) return value.cast<partial_date>();
    try {
        return partial_date(value.cast<date>());
    } catch (const py::cast_error&) {
        throw py::type_error(std::string(field) + ": expected a PartialDate, a datetime.date, text such as '2019-08' or None, got " +
                             py::str(py::type::of(value).attr("__name__")).cast<std::string>());
    }
}

std::optional<py::tuple> bounds_tuple(const std::optional<date_bounds>& b) {
    if (!b) return std::nullopt;
    return py::make_tuple(b->earliest, b->latest);
}

py::object json_loads(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

using python::check_pickled_state;
using python::pickle_state_version;

/// Pickling through a record's JSON form: (version, JSON text).
template <class T, class ToJson, class FromJson>
void add_json_pickling(py::class_<T>& cls, ToJson to_json, FromJson from_json) {
    cls.def(py::pickle([to_json](const T& value) { return py::make_tuple(pickle_state_version, to_json(value)); },
                       [from_json](const py::tuple& state) {
                           check_pickled_state<T>(state, 2);
                           return from_json(state[1].cast<std::string>());
                       }));
}

/// Pickling of a small value as (version, its fields...): ``fields`` gives the ``field_count`` fields
/// as a tuple and ``make`` builds the value back from them.
template <class T, class... Options, class Fields, class Make>
void add_tuple_pickling(py::class_<T, Options...>& cls, std::size_t field_count, Fields fields, Make make) {
    cls.def(py::pickle([fields](const T& value) { return py::tuple(py::make_tuple(pickle_state_version) + fields(value)); },
                       [field_count, make](const py::tuple& state) {
                           check_pickled_state<T>(state, field_count + 1);
                           return make(py::tuple(state[py::slice(1, static_cast<py::ssize_t>(state.size()), 1)]));
                       }));
}

std::string dataset_repr(const dataset& ds) {
    const auto plural = [](std::size_t n, const char* word) {
        return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
    };
    std::string out = "Dataset(";
    if (!ds.title().empty()) out += quoted(ds.title()) + ", ";
    return out + plural(ds.partners().size(), "partner") + ", " + plural(ds.agreements().size(), "agreement") + ", " +
           plural(ds.observations().size(), "observation") + ", " + plural(ds.sources().size(), "source") + ")";
}

std::string agreement_repr(const agreement& a) {
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

std::string partner_repr(const partner& p) {
    std::string out = "Partner(" + quoted(p.id) + ", " + quoted(p.name);
    if (!p.acronym.empty()) out += ", acronym=" + quoted(p.acronym);
    out += ", kind='" + std::string(to_string(p.kind)) + "'";
    if (!p.country.empty()) out += ", country=" + quoted(p.country);
    if (!p.parent_id.empty()) out += ", parent_id=" + quoted(p.parent_id);
    return out + ")";
}

/// The read-only mapping protocol of a registry; `get_example` and `ids_example` are the ``>>>`` lines
/// of the docstrings of ``get`` and ``ids``.
template <class registry>
void add_registry_protocol(py::class_<registry, std::shared_ptr<registry>>& cls, const char* what,
                           const char* get_example, const char* ids_example) {
    cls.def("__len__", [](const registry& r) { return r.size(); })
        .def("__iter__",
             [](const registry& r) { return py::make_iterator<py::return_value_policy::copy>(r.begin(), r.end()); },
             py::keep_alive<0, 1>())
        .def("__contains__", [](const registry& r, const std::string& id) { return r.contains(id); }, py::arg("id"))
        .def("__getitem__", [](const registry& r, const std::string& id) { return r.get(id); }, py::arg("id"))
        .def("__eq__", [](const registry& a, const registry& b) { return a == b; })
        .def("get", [](const registry& r, const std::string& id) { return r.get(id); }, py::arg("id"),
             (std::string("The ") + what + " with this exact id, as ``registry[id]``.\n\nRaises NotFoundError (a "
              "KeyError) naming the id when there is none.\n\n" + get_example).c_str())
        .def_property_readonly("ids", [](const registry& r) {
            std::vector<std::string> ids;
            for (const auto& record : r) ids.push_back(record.id);
            return ids;
        }, (std::string("The ") + what + " ids (a list of str), in the order given.\n\n" + ids_example).c_str());
}

}  // namespace

void register_model(py::module_& m) {
    m.def("fold_name", &fold_name, py::arg("name"), R"doc(
The key a partner's names are matched by (``PartnerRegistry.find``).

ASCII and Latin-1 / Latin Extended-A letters lose case and
diacritics (``"Lés ÉNFANTS"`` -> ``"les enfants"``; æ -> ae, ß -> ss, œ -> oe), runs of white space
become one space and the ends are trimmed. Other scripts (Khmer, ...) are kept exactly.

>>> ts.fold_name("  Action POUR  Lés Énfants ")
'action pour les enfants'
)doc");

    // ----- sources and citations
    py::class_<source_ref> source_ref_cls(m, "SourceRef", R"doc(
A citation: a source id and, optionally, the quoted words. Wherever a list of citations is asked
for, a plain source id converts to a SourceRef.

>>> ts.SourceRef("ppp-2019", quote="a three-year agreement")
SourceRef('ppp-2019', quote='a three-year agreement')
)doc");
    source_ref_cls
        .def(py::init([](std::string source, const std::optional<std::string>& quote) {
                 return source_ref{std::move(source), or_empty(quote)};
             }),
             py::arg("source"), py::arg("quote") = py::none())
        .def_property_readonly("source", [](const source_ref& r) { return r.source_id; }, "Id of the cited source.")
        .def_property_readonly("quote", [](const source_ref& r) { return none_if_empty(r.quote); },
                               "The source's own words the record rests on, or None.")
        .def("__eq__", [](const source_ref& a, const source_ref& b) { return a == b; })
        .def("__hash__", [](const source_ref& r) { return std::hash<std::string>{}(r.source_id + '\n' + r.quote); })
        .def("__repr__", [](const source_ref& r) {
            return "SourceRef(" + quoted(r.source_id) + (r.quote.empty() ? "" : ", quote=" + quoted(r.quote)) + ")";
        });
    add_tuple_pickling(source_ref_cls, 2, [](const source_ref& r) { return py::make_tuple(r.source_id, r.quote); },
                        [](const py::tuple& t) { return source_ref{t[0].cast<std::string>(), t[1].cast<std::string>()}; });
    py::implicitly_convertible<py::str, source_ref>();

    py::class_<source> source_cls(m, "Source", R"doc(
A publication facts are taken from (report, article, dataset). The date may be partial (text such
as ``"2019"``, a ``datetime.date`` or a PartialDate).

>>> ts.Source("tip-2020", title="Trafficking in Persons Report", publisher="US Department of State", date="2020-06")
Source('tip-2020', publisher='US Department of State', date='2020-06')
)doc");
    source_cls
        .def(py::init([](std::string id, const std::optional<std::string>& title, const std::optional<std::string>& publisher,
                         const std::optional<std::string>& url, const py::object& date,
                         const std::optional<std::string>& notes) {
                 return source{std::move(id), or_empty(title), or_empty(publisher), or_empty(url),
                               partial_date_arg(date, "date"), or_empty(notes)};
             }),
             py::arg("id"), py::kw_only(), py::arg("title") = py::none(), py::arg("publisher") = py::none(),
             py::arg("url") = py::none(), py::arg("date") = py::none(), py::arg("notes") = py::none())
        .def_property_readonly("id", [](const source& s) { return s.id; },
                               "Short unique id (a slug such as ``ppp-2019``) that citations use.")
        .def_property_readonly("title", [](const source& s) { return none_if_empty(s.title); }, "Title, or None.")
        .def_property_readonly("publisher", [](const source& s) { return none_if_empty(s.publisher); },
                               "Who published it (a newspaper, an agency, a ministry), or None.")
        .def_property_readonly("url", [](const source& s) { return none_if_empty(s.url); }, "Where to read it, or None.")
        .def_property_readonly("date", [](const source& s) { return s.date; },
                               "Publication date (a PartialDate), or None.")
        .def_property_readonly("notes", [](const source& s) { return none_if_empty(s.notes); },
                               "What the source is and how it was used, or None.")
        .def("__eq__", [](const source& a, const source& b) { return a == b; })
        .def("__repr__", [](const source& s) {
            std::string out = "Source(" + quoted(s.id);
            if (!s.publisher.empty()) out += ", publisher=" + quoted(s.publisher);
            if (s.date) out += ", date='" + s.date->to_string() + "'";
            return out + ")";
        });
    add_tuple_pickling(source_cls, 6, [](const source& s) { return py::make_tuple(s.id, s.title, s.publisher, s.url, s.date, s.notes); },
            [](const py::tuple& t) {
                return source{t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<std::string>(),
                              t[3].cast<std::string>(), t[4].cast<std::optional<partial_date>>(), t[5].cast<std::string>()};
            });

    py::class_<note> note_cls(m, "Note", R"doc(
A statement about the dataset as a whole, with its sources.

>>> ts.datasets.cambodia_2019().notes[1].sources[0].source
'ppp-2019'
)doc");
    note_cls.def(py::init([](std::string text, std::vector<source_ref> sources) { return note{std::move(text), std::move(sources)}; }),
             py::arg("text"), py::arg("sources") = std::vector<source_ref>{})
        .def_property_readonly("text", [](const note& n) { return n.text; }, "The statement.")
        .def_property_readonly("sources", [](const note& n) { return n.sources; },
                               "The citations (SourceRef) it rests on.")
        .def("__eq__", [](const note& a, const note& b) { return a == b; })
        .def("__repr__", [](const note& n) { return "Note(" + quoted(n.text) + ")"; });
    add_tuple_pickling(note_cls, 2, [](const note& n) { return py::make_tuple(n.text, n.sources); },
                        [](const py::tuple& t) { return note{t[0].cast<std::string>(), t[1].cast<std::vector<source_ref>>()}; });

    // ----- partners
    py::class_<partner> partner_cls(m, "Partner", R"doc(
An organisation that signs agreements (after Popolo's Organization).

``kind`` is one of government_ministry, national_committee, law_enforcement, ngo,
international_ngo, coalition, faith_based, un_agency, other; ``country`` an ISO 3166-1 alpha-3 code.
Raises ValidationError (naming the field) for a bad id, an empty name or a bad country code.

>>> ts.Partner("cwcc", "Cambodian Women's Crisis Center", acronym="CWCC", kind="ngo", country="KHM")
Partner('cwcc', "Cambodian Women's Crisis Center", acronym='CWCC', kind='ngo', country='KHM')
)doc");
    partner_cls
        .def(py::init([](std::string id, std::string name, const std::optional<std::string>& acronym,
                         std::vector<std::string> other_names, const std::string& kind,
                         const std::optional<std::string>& country, const std::optional<std::string>& parent_id,
                         std::vector<std::string> focus, const std::optional<std::string>& url,
                         const std::optional<std::string>& notes, std::vector<source_ref> sources) {
                 partner p{std::move(id), std::move(name), or_empty(acronym), std::move(other_names),
                           naming("kind", [&] { return parse_partner_kind(kind); }), or_empty(country),
                           or_empty(parent_id), std::move(focus), or_empty(url), or_empty(notes), std::move(sources)};
                 validate(p, {});
                 return p;
             }),
             py::arg("id"), py::arg("name"), py::kw_only(), py::arg("acronym") = py::none(),
             py::arg("other_names") = std::vector<std::string>{}, py::arg("kind") = "other",
             py::arg("country") = py::none(), py::arg("parent_id") = py::none(),
             py::arg("focus") = std::vector<std::string>{}, py::arg("url") = py::none(), py::arg("notes") = py::none(),
             py::arg("sources") = std::vector<source_ref>{})
        .def_property_readonly("id", [](const partner& p) { return p.id; },
                               "Short unique id (a slug such as ``aple``) that agreements use.")
        .def_property_readonly("name", [](const partner& p) { return p.name; }, "Full name.")
        .def_property_readonly("acronym", [](const partner& p) { return none_if_empty(p.acronym); },
                               "Acronym (``APLE``), or None.")
        .def_property_readonly("other_names", [](const partner& p) { return p.other_names; },
                               "Other names it is known by (a list, possibly empty).")
        .def_property_readonly("kind", [](const partner& p) { return std::string(to_string(p.kind)); },
                               "Kind of organisation, such as ``'ngo'`` or ``'government_ministry'`` (see the class).")
        .def_property_readonly("country", [](const partner& p) { return none_if_empty(p.country); },
                               "ISO 3166-1 alpha-3 country code (``'KHM'``), or None.")
        .def_property_readonly("parent_id", [](const partner& p) { return none_if_empty(p.parent_id); },
                               "Id of the partner it is part of (a committee's ministry), or None.")
        .def_property_readonly("focus", [](const partner& p) { return p.focus; },
                               "Areas of work (a list such as ``['trafficking', 'children']``).")
        .def_property_readonly("url", [](const partner& p) { return none_if_empty(p.url); }, "Web site, or None.")
        .def_property_readonly("notes", [](const partner& p) { return none_if_empty(p.notes); },
                               "Free-text remarks on the record, or None.")
        .def_property_readonly("sources", [](const partner& p) { return p.sources; },
                               "The citations (SourceRef) the record rests on.")
        .def_property_readonly("names", [](const partner& p) {
            std::vector<std::string> out;
            for (const auto n : p.names()) out.emplace_back(n);
            return out;
        }, "Every name it can be found by (a list): id, name, acronym, other names.")
        .def("to_dict", [](const partner& p) { return json_loads(io::to_json(p)); }, R"doc(
The partner as it is written in a dataset document (a dict; empty fields left out).

>>> d = ts.datasets.cambodia_2019().partners["aple"].to_dict()
>>> d["acronym"], d["focus"]
('APLE', ['trafficking', 'children'])
)doc")
        .def("__eq__", [](const partner& a, const partner& b) { return a == b; })
        .def("__hash__", [](const partner& p) { return std::hash<std::string>{}(io::to_json(p)); })
        .def("__repr__", &partner_repr);
    add_json_pickling(partner_cls, [](const partner& p) { return io::to_json(p); }, &io::partner_from_json);

    // ----- agreements
    py::class_<party> party_cls(m, "Party", R"doc(
A partner bound by an agreement, with its role (signatory, witness, lead, implementing, funding).
A plain partner id converts to a signatory.

>>> ts.Party("ncct", role="witness")
Party('ncct', role='witness')
)doc");
    party_cls
        .def(py::init([](std::string partner_id, const std::string& role) {
                 return party{std::move(partner_id), naming("role", [&] { return parse_party_role(role); })};
             }),
             py::arg("partner_id"), py::arg("role") = "signatory")
        .def(py::init([](const py::str& partner_id) { return party{partner_id.cast<std::string>(), party_role::signatory}; }))
        .def_property_readonly("partner_id", [](const party& p) { return p.partner_id; }, "Id of the partner.")
        .def_property_readonly("role", [](const party& p) { return std::string(to_string(p.role)); },
                               "'signatory', 'witness', 'lead', 'implementing' or 'funding'.")
        .def("__eq__", [](const party& a, const party& b) { return a == b; })
        .def("__repr__", [](const party& p) {
            return "Party(" + quoted(p.partner_id) + ", role='" + std::string(to_string(p.role)) + "')";
        });
    add_tuple_pickling(party_cls, 2, [](const party& p) { return py::make_tuple(p.partner_id, std::string(to_string(p.role))); },
                        [](const py::tuple& t) {
                            return party{t[0].cast<std::string>(), parse_party_role(t[1].cast<std::string>())};
                        });
    py::implicitly_convertible<py::str, party>();

    py::class_<signatory> signatory_cls(m, "Signatory", R"doc(
A person who signed, as the source names them.

>>> ts.datasets.cambodia_2019().agreements["moi-aple-2019"].signatories
[Signatory('Samleang Seila', title='Country Director', partner_id='aple')]
)doc");
    signatory_cls
        .def(py::init([](std::string name, const std::optional<std::string>& title,
                         const std::optional<std::string>& partner_id) {
                 return signatory{std::move(name), or_empty(title), or_empty(partner_id)};
             }),
             py::arg("name"), py::kw_only(), py::arg("title") = py::none(), py::arg("partner_id") = py::none())
        .def_property_readonly("name", [](const signatory& s) { return s.name; }, "The person's name.")
        .def_property_readonly("title", [](const signatory& s) { return none_if_empty(s.title); },
                               "Their position (``'Country Director'``), or None.")
        .def_property_readonly("partner_id", [](const signatory& s) { return none_if_empty(s.partner_id); },
                               "Id of the partner they signed for, or None.")
        .def("__eq__", [](const signatory& a, const signatory& b) { return a == b; })
        .def("__repr__", [](const signatory& s) {
            std::string out = "Signatory(" + quoted(s.name);
            if (!s.title.empty()) out += ", title=" + quoted(s.title);
            if (!s.partner_id.empty()) out += ", partner_id=" + quoted(s.partner_id);
            return out + ")";
        });
    add_tuple_pickling(signatory_cls, 3, [](const signatory& s) { return py::make_tuple(s.name, s.title, s.partner_id); },
                        [](const py::tuple& t) {
                            return signatory{t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<std::string>()};
                        });

    py::class_<status_change> status_change_cls(m, "StatusChange", R"doc(
A dated change of status of an agreement: 'suspended', 'resumed' or 'terminated'. The date may be
partial (text such as ``"2020-03"``, a ``datetime.date`` or a PartialDate).

>>> ts.StatusChange("suspended", "2020-03", note="COVID-19 restrictions")
StatusChange('suspended', '2020-03')
)doc");
    status_change_cls
        .def(py::init([](const std::string& status, const py::object& date, const std::optional<std::string>& note) {
                 const auto day = partial_date_arg(date, "date");
                 if (!day) throw py::type_error("date: a status change needs a date");
                 return status_change{naming("status", [&] { return parse_status_change_kind(status); }), *day,
                                     or_empty(note)};
             }),
             py::arg("status"), py::arg("date"), py::arg("note") = py::none())
        .def_property_readonly("status", [](const status_change& c) { return std::string(to_string(c.kind)); },
                               "'suspended', 'resumed' or 'terminated'.")
        .def_property_readonly("date", [](const status_change& c) { return c.date; }, "When it took effect (a PartialDate).")
        .def_property_readonly("note", [](const status_change& c) { return none_if_empty(c.note); },
                               "What happened, as the source says, or None.")
        .def("__eq__", [](const status_change& a, const status_change& b) { return a == b; })
        .def("__repr__", [](const status_change& c) {
            return "StatusChange('" + std::string(to_string(c.kind)) + "', '" + c.date.to_string() + "')";
        });
    add_tuple_pickling(status_change_cls, 3, [](const status_change& c) { return py::make_tuple(std::string(to_string(c.kind)), c.date, c.note); },
            [](const py::tuple& t) {
                return status_change{parse_status_change_kind(t[0].cast<std::string>()), t[1].cast<partial_date>(),
                                    t[2].cast<std::string>()};
            });

    py::class_<agreement> agreement_cls(m, "Agreement", R"doc(
A memorandum of understanding or other agreement between partners (after OCDS contracts).

Dates may be partial (``"2019"``, ``"2019-08"``, ``"2019-08-01"``, a ``datetime.date`` or a
``PartialDate``). The term runs from ``start`` (or, when absent, the signing date) to ``end`` (or
``start + term_months - 1 day``: a three-year MoU from 2019-08-01 ends 2022-07-31). A status is only
claimed when it holds for every day the partial dates allow; otherwise it is ``'unknown'``.
Raises ValidationError naming the field for an end before the start, a term that disagrees with the
end, a non-positive term or a party listed twice.

>>> a = ts.Agreement("moi-aple-2019", ["moi", "aple"], signed="2019-08-01", term_months=36)
>>> a.end_bounds
(datetime.date(2022, 7, 31), datetime.date(2022, 7, 31))
)doc");
    agreement_cls
        .def(py::init([](std::string id, std::vector<party> parties, const std::string& kind,
                         const std::optional<std::string>& title, std::vector<signatory> signatories,
                         const py::object& signed_date, const py::object& start, const py::object& end,
                         std::optional<int> term_months,
                         std::optional<int> max_renewals, const std::optional<std::string>& renews,
                         std::vector<std::string> scope, std::vector<status_change> status_changes,
                         std::vector<source_ref> sources, const std::optional<std::string>& notes) {
                 agreement a;
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
             py::arg("signatories") = std::vector<signatory>{}, py::arg("signed") = py::none(),
             py::arg("start") = py::none(), py::arg("end") = py::none(), py::arg("term_months") = py::none(),
             py::arg("max_renewals") = py::none(), py::arg("renews") = py::none(),
             py::arg("scope") = std::vector<std::string>{}, py::arg("status_changes") = std::vector<status_change>{},
             py::arg("sources") = std::vector<source_ref>{}, py::arg("notes") = py::none())
        .def_property_readonly("id", [](const agreement& a) { return a.id; },
                               "Short unique id (a slug such as ``moi-cpu-2019``).")
        .def_property_readonly("kind", [](const agreement& a) { return std::string(to_string(a.kind)); },
                               "'mou', 'renewal', 'amendment' or 'agreement'.")
        .def_property_readonly("title", [](const agreement& a) { return none_if_empty(a.title); }, "Title, or None.")
        .def_property_readonly("parties", [](const agreement& a) { return a.parties; },
                               "The partners bound (Party, with their roles), in the order given.")
        .def_property_readonly("party_ids", &agreement::party_ids, "Ids of the partners bound (a list), in the order given.")
        .def_property_readonly("signatories", [](const agreement& a) { return a.signatories; },
                               "The people who signed (Signatory), as the sources name them.")
        .def_property_readonly("signed", [](const agreement& a) { return a.signed_date; },
                               "Signing date (a PartialDate), or None.")
        .def_property_readonly("start", [](const agreement& a) { return a.start; },
                               "First day of the term (a PartialDate), or None: the term then starts on signing.")
        .def_property_readonly("end", [](const agreement& a) { return a.end; },
                               "Last day of the term (a PartialDate), or None: see ``term_months``.")
        .def_property_readonly("term_months", [](const agreement& a) { return a.term_months; },
                               "Length of the term in months (36 for three years), or None.")
        .def_property_readonly("max_renewals", [](const agreement& a) { return a.max_renewals; },
                               "How many renewals in a row the agreement allows, or None when it does not say.")
        .def_property_readonly("renews", [](const agreement& a) { return none_if_empty(a.renews); },
                               "Id of the agreement this one renews, or None.")
        .def_property_readonly("scope", [](const agreement& a) { return a.scope; },
                               "What it covers (a list such as ``['trafficking', 'sexual_abuse']``).")
        .def_property_readonly("status_changes", [](const agreement& a) { return a.status_changes; },
                               "Dated suspensions, resumptions and terminations (StatusChange), in order.")
        .def_property_readonly("sources", [](const agreement& a) { return a.sources; },
                               "The citations (SourceRef) the record rests on.")
        .def_property_readonly("notes", [](const agreement& a) { return none_if_empty(a.notes); },
                               "Free-text remarks on the record, or None.")
        .def_property_readonly("is_renewal", &agreement::is_renewal,
                               "Whether it renews an earlier agreement (kind 'renewal' or ``renews`` given).")
        .def_property_readonly("renewal_count", &agreement::renewal_count, R"doc(
Renewals up to and including this agreement in its chain: 0 for an original agreement, 2 for the
second renewal. A renewal whose predecessor is not in the dataset counts as one, so this is a lower
bound when the early history is missing. Outside a dataset: 1 for a renewal, else 0.
)doc")
        .def_property_readonly("start_bounds", [](const agreement& a) { return bounds_tuple(a.start_bounds()); },
                               "(earliest, latest) first day in force: start, else the signing date; None if unknown.")
        .def_property_readonly("end_bounds", [](const agreement& a) { return bounds_tuple(a.end_bounds()); },
                               "(earliest, latest) last day of the term; None if unknown.")
        .def_property_readonly("last_day_bounds", [](const agreement& a) { return bounds_tuple(a.last_day_bounds()); },
                               "(earliest, latest) last day in force, counting an early termination.")
        .def("status_on", [](const agreement& a, const date& day) { return std::string(to_string(a.status_on(day))); },
             py::arg("date"), R"doc(
The status on ``date`` (a ``datetime.date``): 'pending', 'active', 'expired', 'terminated',
'suspended' or 'unknown' when the partial dates allow more than one.

>>> import datetime
>>> cpu = ts.datasets.cambodia_2019().agreements["moi-cpu-2019"]
>>> cpu.status_on(datetime.date(2020, 6, 1)), cpu.status_on(datetime.date(2022, 6, 1))
('active', 'unknown')
)doc")
        .def("has_party", &agreement::has_party, py::arg("partner_id"), R"doc(
Whether the partner with this exact id is a party (in any role).

>>> ts.datasets.cambodia_2019().agreements["moi-cpu-2019"].has_party("cpu")
True
)doc")
        .def("to_dict", [](const agreement& a) { return json_loads(io::to_json(a)); }, R"doc(
The agreement as it is written in a dataset document (a dict; empty fields left out).

>>> d = ts.datasets.cambodia_2019().agreements["moi-cpu-2019"].to_dict()
>>> d["kind"], d["signed"], d["term_months"], d["parties"][1]
('renewal', '2019', 36, {'partner_id': 'cpu', 'role': 'signatory'})
)doc")
        .def("__eq__", [](const agreement& a, const agreement& b) { return a == b; })
        .def("__hash__", [](const agreement& a) { return std::hash<std::string>{}(io::to_json(a)); })
        .def("__repr__", &agreement_repr);
    // The JSON form plus the renewal count the dataset derived, which the JSON form does not hold.
    agreement_cls.def(py::pickle(
        [](const agreement& a) {
            return py::make_tuple(pickle_state_version, io::to_json(a), detail::agreement_derived::renewal_count(a));
        },
        [](const py::tuple& state) {
            check_pickled_state<agreement>(state, 3);
            agreement a = io::agreement_from_json(state[1].cast<std::string>());
            detail::agreement_derived::set_renewal_count(a, state[2].cast<std::optional<std::size_t>>());
            return a;
        }));

    // ----- results of registry queries
    py::class_<transition> transition_cls(m, "Transition", R"doc(
Two consecutive agreements of a partnership (see ``AgreementRegistry.continuity``). ``gap_days``:
days between the last day of the first and the first day of the second, both excluded (0: back to
back; negative: overlap); None when a date is not known to the day.

>>> ds = ts.Dataset([ts.Partner("moi", "Ministry of Interior"), ts.Partner("cpu", "Child Protection Unit")],
...                 [ts.Agreement("first", ["moi", "cpu"], start="2016-01-01", term_months=36),
...                  ts.Agreement("second", ["moi", "cpu"], kind="renewal", renews="first", start="2019-03-01")])
>>> ds.agreements.continuity("moi", "cpu").transitions
[Transition('first', 'second', gap_days=59)]
)doc");
    transition_cls
        .def_property_readonly("from_id", [](const transition& t) { return t.from_id; }, "Id of the earlier agreement.")
        .def_property_readonly("to_id", [](const transition& t) { return t.to_id; }, "Id of the later agreement.")
        .def_property_readonly("gap_days", [](const transition& t) { return t.gap_days; },
                               "Days uncovered between the two (negative: days in both), or None when not known.")
        .def_property_readonly("overlap_days", &transition::overlap_days,
                               "Days in force under both agreements (0 when none), or None when not known.")
        .def("__eq__", [](const transition& a, const transition& b) { return a == b; })
        .def("__repr__", [](const transition& t) {
            return "Transition(" + quoted(t.from_id) + ", " + quoted(t.to_id) +
                   ", gap_days=" + (t.gap_days ? std::to_string(*t.gap_days) : std::string("None")) + ")";
        });
    add_tuple_pickling(transition_cls, 3, [](const transition& t) { return py::make_tuple(t.from_id, t.to_id, t.gap_days); },
                       [](const py::tuple& t) {
                           return transition{t[0].cast<std::string>(), t[1].cast<std::string>(),
                                             t[2].cast<std::optional<long>>()};
                       });

    py::class_<continuity> continuity_cls(m, "Continuity", R"doc(
The agreements between two partners in time order, with the transitions between consecutive ones
(see ``AgreementRegistry.continuity``).

>>> ts.datasets.cambodia_2019().agreements.continuity("MoI", "CPU")
Continuity('moi', 'cpu', ['moi-cpu-2019'])
)doc");
    continuity_cls.def_property_readonly("partner_ids", [](const continuity& c) {
                  return py::make_tuple(c.first_partner_id, c.second_partner_id);
              }, "Ids of the two partners (a tuple), as asked for.")
        .def_property_readonly("agreement_ids", [](const continuity& c) { return c.agreement_ids; },
                               "Ids of their agreements, by start (unknown starts last).")
        .def_property_readonly("transitions", [](const continuity& c) { return c.transitions; },
                               "One Transition between each agreement and the next.")
        .def_property_readonly("gaps", [](const continuity& c) {
            std::vector<transition> out;
            for (const auto& t : c.transitions)
                if (t.gap_days && *t.gap_days > 0) out.push_back(t);
            return out;
        }, "Transitions that leave days uncovered.")
        .def_property_readonly("overlaps", [](const continuity& c) {
            std::vector<transition> out;
            for (const auto& t : c.transitions)
                if (t.gap_days && *t.gap_days < 0) out.push_back(t);
            return out;
        }, "Transitions where both agreements are in force.")
        .def("__repr__", [](const continuity& c) {
            std::string ids;
            for (const auto& id : c.agreement_ids) ids += (ids.empty() ? "" : ", ") + quoted(id);
            return "Continuity(" + quoted(c.first_partner_id) + ", " + quoted(c.second_partner_id) + ", [" + ids + "])";
        })
        .def("__eq__", [](const continuity& a, const continuity& b) { return a == b; });
    add_tuple_pickling(continuity_cls, 4,
                       [](const continuity& c) {
                           return py::make_tuple(c.first_partner_id, c.second_partner_id, c.agreement_ids, c.transitions);
                       },
                       [](const py::tuple& t) {
                           return continuity{t[0].cast<std::string>(), t[1].cast<std::string>(),
                                             t[2].cast<std::vector<std::string>>(), t[3].cast<std::vector<transition>>()};
                       });

    py::class_<coverage> coverage_cls(m, "Coverage", R"doc(
Days of a window covered by some agreement between two partners: ``certain_days`` under every reading
of the known dates, ``possible_days`` under at least one (an unknown end may run to the window's end).
Suspensions are not removed. The CPU's three-year renewal, signed on an unknown day of 2019, covers
for certain the days from 31 December 2019 to 31 December 2021:

>>> ts.datasets.cambodia_2019().agreements.coverage("moi", "cpu", "2019/2022")
Coverage('2019-01-01/2022-12-31', certain_days=732, possible_days=1460, window_days=1461)
)doc");
    coverage_cls.def_property_readonly("window", [](const coverage& c) { return c.window; }, "The Period looked at.")
        .def_property_readonly("window_days", [](const coverage& c) { return c.window.days(); },
                               "Length of the window in days.")
        .def_property_readonly("certain_days", [](const coverage& c) { return c.certain_days; },
                               "Days of the window covered whatever the exact dates (days).")
        .def_property_readonly("possible_days", [](const coverage& c) { return c.possible_days; },
                               "Days of the window covered under at least one reading of the dates (days).")
        .def("__repr__", [](const coverage& c) {
            return "Coverage('" + c.window.to_string() + "', certain_days=" + std::to_string(c.certain_days) +
                   ", possible_days=" + std::to_string(c.possible_days) + ", window_days=" +
                   std::to_string(c.window.days()) + ")";
        })
        .def("__eq__", [](const coverage& a, const coverage& b) { return a == b; });
    add_tuple_pickling(coverage_cls, 3, [](const coverage& c) { return py::make_tuple(c.window, c.certain_days, c.possible_days); },
                       [](const py::tuple& t) { return coverage{t[0].cast<period>(), t[1].cast<long>(), t[2].cast<long>()}; });

    // ----- registries
    py::class_<source_registry, std::shared_ptr<source_registry>> sources_cls(m, "SourceRegistry", R"doc(
The sources of a dataset (read-only): ``len``, iteration in the order given, ``id in registry`` and
``registry[id]``.

>>> [s.id for s in ts.datasets.cambodia_2019().sources]
['ppp-2019']
)doc");
    add_registry_protocol(sources_cls, "source",
                          ">>> ts.datasets.cambodia_2019().sources.get(\"ppp-2019\").publisher\n'The Phnom Penh Post'",
                          ">>> ts.datasets.cambodia_2019().sources.ids\n['ppp-2019']");
    sources_cls.def("__repr__", [](const source_registry& r) { return "<SourceRegistry: " + std::to_string(r.size()) + " sources>"; });
    add_tuple_pickling(sources_cls, 1, [](const source_registry& r) { return py::make_tuple(r.records()); },
                       [](const py::tuple& t) { return source_registry(t[0].cast<std::vector<source>>()); });

    py::class_<partner_registry, std::shared_ptr<partner_registry>> partners_cls(m, "PartnerRegistry", R"doc(
The partners of a dataset (read-only): unique ids, known parents, lookup by any name.
``registry["aple"]`` takes an exact id; ``registry.find("Action Pour Les Enfants")`` also takes an
acronym or any name, ignoring case, Latin diacritics and extra spaces (see ``tipstats.fold_name``).

>>> partners = ts.datasets.cambodia_2019().partners
>>> len(partners), "aple" in partners
(7, True)
)doc");
    add_registry_protocol(partners_cls, "partner",
                          ">>> ts.datasets.cambodia_2019().partners.get(\"aple\").name\n'Action Pour Les Enfants'",
                          ">>> ts.datasets.cambodia_2019().partners.ids\n"
                          "['moi', 'ncct', 'chab-dai', 'tdh-nl', 'caritas-cambodia', 'aple', 'cpu']");
    partners_cls
        .def("find", &partner_registry::find, py::arg("key"), py::return_value_policy::copy, R"doc(
The partner known by ``key``: its id, acronym, name or another name, ignoring case, Latin
diacritics and extra spaces. Raises NotFoundError when none is, DomainError when several share
that name.

>>> ts.datasets.cambodia_2019().partners.find("joining hands coalition")
Partner('chab-dai', 'Chab Dai Coalition', kind='coalition', country='KHM')
)doc")
        .def("find_all", [](const partner_registry& r, const std::string& key) { return copies(r.find_all(key)); },
             py::arg("key"), R"doc(
Every partner known by ``key`` (a list, empty when none), matched as by ``find``.

>>> [p.id for p in ts.datasets.cambodia_2019().partners.find_all("Terre des Hommes")]
['tdh-nl']
)doc")
        .def("parent_chain", [](const partner_registry& r, const std::string& id) { return copies(r.parent_chain(id)); },
             py::arg("id"), R"doc(
The partner with this id, its parent, its parent's parent... (a national committee, then its
ministry). Raises NotFoundError for an unknown id.

>>> [p.id for p in ts.datasets.cambodia_2019().partners.parent_chain("ncct")]
['ncct', 'moi']
)doc")
        .def("__repr__", [](const partner_registry& r) { return "<PartnerRegistry: " + std::to_string(r.size()) + " partners>"; });
    add_tuple_pickling(partners_cls, 1, [](const partner_registry& r) { return py::make_tuple(r.records()); },
                       [](const py::tuple& t) { return partner_registry(t[0].cast<std::vector<partner>>()); });

    py::class_<agreement_registry, std::shared_ptr<agreement_registry>> agreements_cls(m, "AgreementRegistry", R"doc(
The agreements of a dataset (read-only), checked against its partners. Partners can be named by id,
acronym or any name wherever a partner is asked for.

>>> agreements = ts.datasets.cambodia_2019().agreements
>>> len(agreements), [a.id for a in agreements.involving("APLE")]
(5, ['moi-aple-2019'])
)doc");
    add_registry_protocol(agreements_cls, "agreement",
                          ">>> ts.datasets.cambodia_2019().agreements.get(\"moi-cpu-2019\").term_months\n36",
                          ">>> ts.datasets.cambodia_2019().agreements.ids\n"
                          "['ncct-chab-dai-2019', 'ncct-tdh-nl-2019', 'ncct-caritas-cambodia-2019', 'moi-aple-2019', "
                          "'moi-cpu-2019']");
    agreements_cls
        .def("active_on", [](const agreement_registry& r, const date& day) { return copies(r.active_on(day)); },
             py::arg("date"), R"doc(
The agreements certainly in force on ``date`` (a ``datetime.date``; status 'active'), in order.

>>> import datetime
>>> [a.id for a in ts.datasets.cambodia_2019().agreements.active_on(datetime.date(2020, 6, 1))]
['moi-cpu-2019']
)doc")
        .def("with_status", [](const agreement_registry& r, const std::string& status, const date& day) {
            return copies(r.with_status(naming("status", [&] { return parse_agreement_status(status); }), day));
        }, py::arg("status"), py::arg("date"), R"doc(
The agreements whose status on ``date`` is ``status`` ('pending', 'active', 'expired',
'terminated', 'suspended' or 'unknown'). Raises ParseError naming ``status`` for another word.

>>> import datetime
>>> [a.id for a in ts.datasets.cambodia_2019().agreements.with_status("unknown", datetime.date(2020, 6, 1))]
['ncct-chab-dai-2019', 'ncct-tdh-nl-2019', 'ncct-caritas-cambodia-2019', 'moi-aple-2019']
)doc")
        .def("status_on", [](const agreement_registry& r, const date& day) {
            py::dict out;
            for (const auto& a : r) out[py::str(a.id)] = std::string(to_string(a.status_on(day)));
            return out;
        }, py::arg("date"), R"doc(
Every agreement's status on ``date`` (a dict ``{agreement id: status}``, see ``Agreement.status_on``).

>>> import datetime
>>> ts.datasets.cambodia_2019().agreements.status_on(datetime.date(2020, 6, 1))["moi-cpu-2019"]
'active'
)doc")
        .def("involving", [](const agreement_registry& r, const std::string& partner) { return copies(r.involving(partner)); },
             py::arg("partner"), R"doc(
The agreements a partner (id, acronym or any name) is party to, in order. Raises NotFoundError
for an unknown partner.

>>> [a.id for a in ts.datasets.cambodia_2019().agreements.involving("National Committee for Counter-Trafficking")]
['ncct-chab-dai-2019', 'ncct-tdh-nl-2019', 'ncct-caritas-cambodia-2019']
)doc")
        .def("between", [](const agreement_registry& r, const std::string& first, const std::string& second) {
            return copies(r.between(first, second));
        }, py::arg("first"), py::arg("second"), R"doc(
The agreements both partners (ids, acronyms or any names) are party to, in order. Raises
NotFoundError for an unknown partner.

>>> [a.id for a in ts.datasets.cambodia_2019().agreements.between("Ministry of Interior", "APLE")]
['moi-aple-2019']
)doc")
        .def("chain", [](const agreement_registry& r, const std::string& id) { return copies(r.chain(id)); }, py::arg("id"), R"doc(
The renewal chain the agreement belongs to, oldest first. Raises NotFoundError for an unknown id.

>>> ds = ts.Dataset([ts.Partner("moi", "Ministry of Interior"), ts.Partner("cpu", "Child Protection Unit")],
...                 [ts.Agreement("first", ["moi", "cpu"], start="2016-01-01", term_months=36),
...                  ts.Agreement("second", ["moi", "cpu"], kind="renewal", renews="first", start="2019-01-01")])
>>> [a.id for a in ds.agreements.chain("second")]
['first', 'second']
)doc")
        .def("renewal_count", &agreement_registry::renewal_count, py::arg("id"), R"doc(
The renewal count of the agreement with this id (see ``Agreement.renewal_count``).

>>> ts.datasets.cambodia_2019().agreements.renewal_count("moi-cpu-2019")
1
)doc")
        .def("renewed_by", &agreement_registry::renewed_by, py::arg("id"), R"doc(
Id of the agreement that renews this one, or None. Raises NotFoundError for an unknown id.

>>> ds = ts.Dataset([ts.Partner("moi", "Ministry of Interior"), ts.Partner("cpu", "Child Protection Unit")],
...                 [ts.Agreement("first", ["moi", "cpu"], start="2016-01-01", term_months=36),
...                  ts.Agreement("second", ["moi", "cpu"], kind="renewal", renews="first", start="2019-01-01")])
>>> ds.agreements.renewed_by("first"), ds.agreements.renewed_by("second")
('second', None)
)doc")
        .def("continuity", &agreement_registry::continuity, py::arg("first"), py::arg("second"), R"doc(
The partnership's agreements ordered by start, with the gap or overlap between each term and the
next (a Continuity). Partners are named by id, acronym or any name.

>>> ds = ts.Dataset([ts.Partner("moi", "Ministry of Interior"), ts.Partner("cpu", "Child Protection Unit")],
...                 [ts.Agreement("first", ["moi", "cpu"], start="2016-01-01", term_months=36),
...                  ts.Agreement("second", ["moi", "cpu"], kind="renewal", renews="first", start="2018-12-01")])
>>> c = ds.agreements.continuity("moi", "cpu")
>>> c.agreement_ids, c.overlaps[0].overlap_days
(['first', 'second'], 31)
)doc")
        .def("coverage", [](const agreement_registry& r, const std::string& first, const std::string& second,
                            const py::object& window) {
            const period w = py::isinstance<py::str>(window)
                                 ? naming("window", [&] { return period::parse(window.cast<std::string>()); })
                                 : window.cast<period>();
            return r.coverage(first, second, w);
        }, py::arg("first"), py::arg("second"), py::arg("window"), R"doc(
The days of ``window`` (a Period or its text, e.g. '2019' or '2019-01-01/2021-06-30') covered by an
agreement between the two partners (a Coverage). Raises ParseError naming ``window`` for bad text.

>>> cover = ts.datasets.cambodia_2019().agreements.coverage("moi", "cpu", "2019/2022")
>>> cover.certain_days, cover.possible_days, cover.window_days
(732, 1460, 1461)
)doc")
        .def("__repr__", [](const agreement_registry& r) {
            return "<AgreementRegistry: " + std::to_string(r.size()) + " agreements>";
        });
    // The partners travel with the agreements: the registry checks and looks up parties through them.
    add_tuple_pickling(agreements_cls, 2,
                       [](const agreement_registry& r) { return py::make_tuple(r.records(), r.partners().records()); },
                       [](const py::tuple& t) {
                           return agreement_registry(t[0].cast<std::vector<agreement>>(),
                                                    std::make_shared<const partner_registry>(t[1].cast<std::vector<partner>>()));
                       });

    // ----- datasets
    py::class_<dataset> dataset_cls(m, "Dataset", R"doc(
Partners, agreements and the sources they cite, checked as a whole: a Dataset is complete and
consistent or not built at all (ValidationError naming the field, e.g.
``agreements[2].parties[0].partner_id``). Saved and loaded as a versioned JSON document
(``{"tipstats": 2, ...}``); errors in a file name its line and column.

>>> ts.Dataset([ts.Partner("moi", "Ministry of Interior"), ts.Partner("aple", "Action Pour Les Enfants")],
...            [ts.Agreement("moi-aple-2019", ["moi", "aple"], signed="2019")], title="Cambodia")
Dataset('Cambodia', 2 partners, 1 agreement, 0 observations, 0 sources)
)doc");
    dataset_cls
        .def(py::init([](std::vector<partner> partners, std::vector<agreement> agreements, std::vector<source> sources,
                         std::vector<note> notes, const std::optional<std::string>& title, observations observations) {
                 return dataset(std::move(sources), std::move(partners), std::move(agreements), std::move(notes),
                                or_empty(title), std::move(observations));
             }),
             py::arg("partners") = std::vector<partner>{}, py::arg("agreements") = std::vector<agreement>{},
             py::kw_only(), py::arg("sources") = std::vector<source>{}, py::arg("notes") = std::vector<note>{},
             py::arg("title") = py::none(), py::arg_v("observations", observations{}, "Observations()"))
        .def_property_readonly("title", [](const dataset& d) { return none_if_empty(d.title()); }, "Title, or None.")
        .def_property_readonly("notes", &dataset::notes, "Statements about the dataset as a whole (a list of Note).")
        // The registries are immutable snapshots: one taken before an add_* does not see the addition.
        .def_property_readonly("sources", [](const dataset& d) { return std::const_pointer_cast<source_registry>(d.shared_sources()); },
                               "The sources (a read-only snapshot).")
        .def_property_readonly("partners", [](const dataset& d) { return std::const_pointer_cast<partner_registry>(d.shared_partners()); },
                               "The partners (a read-only snapshot): ``find``, ``parent_chain``, ``[id]``.")
        .def_property_readonly("agreements", [](const dataset& d) {
            return std::const_pointer_cast<agreement_registry>(d.shared_agreements());
        }, "The agreements (a read-only snapshot): ``active_on``, ``between``, ``chain``, ``continuity``, ...")
        .def_property_readonly("observations", [](const dataset& d) { return d.observations(); },
                               "The observations (a copy: change the dataset with ``add_observations``).")
        .def("add_observations", py::overload_cast<const observations&>(&dataset::add_observations), py::arg("rows"),
             R"doc(
Adds every row of an Observations table, or none: the rows are checked and must cite known
sources (ValidationError naming the row otherwise).

>>> ds = ts.datasets.cambodia_2019()
>>> rows = ts.Observations()
>>> rows.add("victims_rescued", None, "2018-H1", area="KHM", offence="sexual_assault", source="ppp-2019",
...          note="not published; implied by the claimed increase")
>>> ds.add_observations(rows)
>>> len(ds.observations)
5
)doc")
        .def("add_source", &dataset::add_source, py::arg("source"), R"doc(
Adds a source after checking the whole dataset with it (ValidationError for a duplicate id);
changes nothing if that fails.

>>> ds = ts.datasets.cambodia_2019()
>>> ds.add_source(ts.Source("tip-2020", title="Trafficking in Persons Report", publisher="US Department of State"))
>>> ds.sources.ids
['ppp-2019', 'tip-2020']
)doc")
        .def("add_partner", &dataset::add_partner, py::arg("partner"), R"doc(
Adds a partner after checking the whole dataset with it (ValidationError naming the field, e.g. a
duplicate id or an unknown parent); changes nothing if that fails.

>>> ds = ts.datasets.cambodia_2019()
>>> ds.add_partner(ts.Partner("cwcc", "Cambodian Women's Crisis Center", acronym="CWCC", kind="ngo", country="KHM"))
>>> ds.partners.find("CWCC").id, len(ds.partners)
('cwcc', 8)
)doc")
        .def("add_agreement", &dataset::add_agreement, py::arg("agreement"), R"doc(
Adds an agreement after checking the whole dataset with it; changes nothing if that fails
(ValidationError naming the field, e.g. an unknown party).

>>> ds = ts.datasets.cambodia_2019()
>>> ds.add_agreement(ts.Agreement("moi-cwcc-2019", ["moi", "cwcc"], signed="2019"))
Traceback (most recent call last):
...
tipstats.ValidationError: field 'agreements[5].parties[1].partner_id': unknown partner 'cwcc'
>>> ds.add_agreement(ts.Agreement("moi-aple-2022", ["moi", "aple"], kind="renewal", renews="moi-aple-2019"))
>>> [a.id for a in ds.agreements.chain("moi-aple-2022")]
['moi-aple-2019', 'moi-aple-2022']
)doc")
        .def("add_note", &dataset::add_note, py::arg("note"), R"doc(
Adds a note about the whole dataset; it must cite known sources (ValidationError otherwise).

>>> ds = ts.datasets.cambodia_2019()
>>> ds.add_note(ts.Note("The 2018 count is implied by the claimed increase.", sources=["ppp-2019"]))
>>> len(ds.notes)
3
)doc")
        .def_static("from_json", [](const std::string& text) { return io::from_json(text); }, py::arg("text"), R"doc(
Parse a dataset document (JSON text). Raises ParseError or ValidationError with line, column and field.

>>> ds = ts.Dataset.from_json('{"tipstats": 1, "partners": [{"id": "aple", "name": "APLE"}]}')
>>> ds.partners.ids
['aple']
)doc")
        .def("to_json", [](const dataset& d, int indent) { return io::to_json(d, indent); }, py::arg("indent") = 2,
             R"doc(
The dataset as a JSON document (text), ``indent`` spaces per level; ``Dataset.from_json`` reads it back.

>>> print(ts.Dataset([ts.Partner("aple", "Action Pour Les Enfants", kind="ngo")]).to_json(indent=1))
{
 "tipstats": 2,
 "sources": [],
 "partners": [
  {
   "id": "aple",
   "name": "Action Pour Les Enfants",
   "kind": "ngo"
  }
 ],
 "agreements": [],
 "notes": [],
 "observations": []
}
)doc")
        .def_static("load", [](const py::object& path) {
            // Read by the library, so that a missing file or a directory is a tipstats.FileError (and
            // the OSError open() gives), and text that is not UTF-8 a ParseError with its line.
            const auto file = py::module_::import("os").attr("fspath")(path).cast<std::string>();
            py::gil_scoped_release release;
            return io::load(file);
        }, py::arg("path"), R"doc(
Read a dataset document (UTF-8) from ``path`` (text or a path-like object). Errors name the file,
line, column and field.

>>> ts.datasets.cambodia_2019().save(tmp / "cambodia.json")
>>> ts.Dataset.load(tmp / "cambodia.json")
Dataset('Cambodia 2019: ...', 7 partners, 5 agreements, 4 observations, 1 source)
)doc")
        .def("save", [](const dataset& d, const py::object& path) {
            io::save(d, py::module_::import("os").attr("fspath")(path).cast<std::string>());
        }, py::arg("path"), R"doc(
Write the dataset as a JSON document (UTF-8) to ``path``, atomically: a temporary file beside it is
renamed over the old one, so an interrupted save leaves the old file intact.

>>> ds = ts.datasets.cambodia_2019()
>>> ds.save(tmp / "cambodia.json")
>>> ts.Dataset.load(tmp / "cambodia.json") == ds
True
)doc")
        .def("to_dict", [](const dataset& d) { return json_loads(io::to_json(d)); }, R"doc(
The dataset document as a dict (what ``to_json`` writes).

>>> d = ts.datasets.cambodia_2019().to_dict()
>>> d["tipstats"], len(d["partners"]), d["agreements"][4]["id"]
(2, 7, 'moi-cpu-2019')
)doc")
        .def("__eq__", [](const dataset& a, const dataset& b) { return a == b; })
        .def("__repr__", &dataset_repr);
    add_json_pickling(dataset_cls, [](const dataset& d) { return io::to_json(d); },
                      [](const std::string& text) { return io::from_json(text); });
}
