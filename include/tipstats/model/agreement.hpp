#pragma once
// Memoranda of understanding and other agreements between partners (after OCDS contracts and UNICEF
// eTools agreements): parties, terms, renewals, and the status on any date.
//
// Dates may be partial ("signed in 2019"). Every derived date is therefore a range of days it can
// be (date_bounds), and a status is only claimed when it holds for every day in those ranges;
// otherwise it is `unknown`.

#include <tipstats/model/enum_text.hpp>
#include <tipstats/text.hpp>
#include <tipstats/model/source.hpp>
#include <tipstats/time/partial_date.hpp>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace tipstats {

enum class agreement_kind { mou, renewal, amendment, agreement };
enum class party_role { signatory, witness, lead, implementing, funding };
/// What a dated status change does: suspended and resumed pause and restart an agreement,
/// terminated ends it before its term.
enum class status_change_kind { suspended, resumed, terminated };
enum class agreement_status { pending, active, expired, terminated, suspended, unknown };

namespace detail {
inline constexpr enum_names<agreement_kind, 4> agreement_kind_names = {{
    {agreement_kind::mou, "mou"},
    {agreement_kind::renewal, "renewal"},
    {agreement_kind::amendment, "amendment"},
    {agreement_kind::agreement, "agreement"},
}};
inline constexpr enum_names<party_role, 5> party_role_names = {{
    {party_role::signatory, "signatory"},
    {party_role::witness, "witness"},
    {party_role::lead, "lead"},
    {party_role::implementing, "implementing"},
    {party_role::funding, "funding"},
}};
inline constexpr enum_names<status_change_kind, 3> status_change_kind_names = {{
    {status_change_kind::suspended, "suspended"},
    {status_change_kind::resumed, "resumed"},
    {status_change_kind::terminated, "terminated"},
}};
inline constexpr enum_names<agreement_status, 6> agreement_status_names = {{
    {agreement_status::pending, "pending"},
    {agreement_status::active, "active"},
    {agreement_status::expired, "expired"},
    {agreement_status::terminated, "terminated"},
    {agreement_status::suspended, "suspended"},
    {agreement_status::unknown, "unknown"},
}};
}  // namespace detail

inline std::string_view to_string(agreement_kind v) { return detail::enum_to_string(detail::agreement_kind_names, v); }
inline std::string_view to_string(party_role v) { return detail::enum_to_string(detail::party_role_names, v); }
inline std::string_view to_string(status_change_kind v) {
    return detail::enum_to_string(detail::status_change_kind_names, v);
}
inline std::string_view to_string(agreement_status v) { return detail::enum_to_string(detail::agreement_status_names, v); }
inline agreement_kind parse_agreement_kind(std::string_view text) {
    return detail::enum_from_string(detail::agreement_kind_names, text, "agreement kind");
}
inline party_role parse_party_role(std::string_view text) {
    return detail::enum_from_string(detail::party_role_names, text, "party role");
}
inline status_change_kind parse_status_change_kind(std::string_view text) {
    return detail::enum_from_string(detail::status_change_kind_names, text, "status change");
}
inline agreement_status parse_agreement_status(std::string_view text) {
    return detail::enum_from_string(detail::agreement_status_names, text, "agreement status");
}

/// A day known to lie between `earliest` and `latest`, both included.
struct date_bounds {
    date earliest;
    date latest;

    bool is_exact() const { return earliest == latest; }
    friend bool operator==(const date_bounds&, const date_bounds&) = default;
};

inline date_bounds bounds_of(const partial_date& date) { return {date.earliest(), date.latest()}; }

struct party {
    std::string partner_id;
    party_role role = party_role::signatory;

    friend bool operator==(const party&, const party&) = default;
};

/// A person who signed, as the source names them.
struct signatory {
    std::string name;
    std::string title;       ///< "Country Director"
    std::string partner_id;  ///< whom they signed for; empty when not known

    friend bool operator==(const signatory&, const signatory&) = default;
};

struct status_change {
    status_change_kind kind = status_change_kind::terminated;
    partial_date date{1400};  ///< from this day on
    std::string note;

    friend bool operator==(const status_change&, const status_change&) = default;
};

class agreement;
namespace detail {
/// Reads and sets what a registry derives for an agreement (its renewal count), so that copies
/// made outside C++ (a pickled Python object) keep it.
struct agreement_derived {
    static std::optional<std::size_t> renewal_count(const agreement& a);
    static void set_renewal_count(agreement& a, std::optional<std::size_t> count);
};
}  // namespace detail

class agreement {
public:
    std::string id;
    agreement_kind kind = agreement_kind::mou;
    std::string title;
    std::vector<party> parties;
    std::vector<signatory> signatories;
    std::optional<partial_date> signed_date;  ///< "signed" in documents
    std::optional<partial_date> start;        ///< when absent, the agreement starts when signed
    std::optional<partial_date> end;          ///< last day, inclusive; when absent, from term_months
    std::optional<int> term_months;
    std::optional<int> max_renewals;
    std::string renews;  ///< id of the agreement this one renews; empty when none (or not known)
    std::vector<std::string> scope;
    std::vector<status_change> status_changes;
    std::vector<source_ref> sources;
    std::string notes;

    /// The first day in force: `start`, else the signing date (an MoU takes effect when signed
    /// unless it says otherwise); nullopt when neither is known.
    std::optional<date_bounds> start_bounds() const {
        if (start) return bounds_of(*start);
        if (signed_date) return bounds_of(*signed_date);
        return std::nullopt;
    }

    /// The last day of the term: `end`, else start + term_months - 1 day (a three-year MoU from
    /// 2019-08-01 ends 2022-07-31); nullopt when neither is known. Terminations do not move it.
    std::optional<date_bounds> end_bounds() const {
        if (end) return bounds_of(*end);
        const auto s = start_bounds();
        if (!s || !term_months) return std::nullopt;
        const auto one_day = std::chrono::days{1};
        return date_bounds{add_months(s->earliest, *term_months) - one_day, add_months(s->latest, *term_months) - one_day};
    }

    /// The last day in force: the end of the term, or the day before an earlier termination.
    std::optional<date_bounds> last_day_bounds() const {
        auto last = end_bounds();
        const auto one_day = std::chrono::days{1};
        for (const auto& change : status_changes) {
            if (change.kind != status_change_kind::terminated) continue;
            const date_bounds cut{change.date.earliest() - one_day, change.date.latest() - one_day};
            if (!last) {
                last = cut;
            } else {
                last->earliest = std::min(last->earliest, cut.earliest);
                last->latest = std::min(last->latest, cut.latest);
            }
        }
        return last;
    }

    /// The status on `day`: pending before the start, active during the term, expired after it,
    /// terminated or suspended after a dated status change; unknown whenever the known dates
    /// allow more than one answer (for example a start known only to the year, or no end at all).
    agreement_status status_on(const date& day) const {
        const auto s = start_bounds();
        if (!s) return agreement_status::unknown;
        if (day < s->earliest) return agreement_status::pending;
        if (day < s->latest) return agreement_status::unknown;

        // The status changes that may have happened by `day` within the term, taken in time order
        // (by earliest day, then as listed) without sorting a copy: the first that decides alone
        // (one that may or may not have happened yet, or a termination) decides; otherwise the
        // latest is in effect.
        const auto e = end_bounds();
        const status_change* deciding = nullptr;
        const status_change* latest = nullptr;
        for (const auto& change : status_changes) {
            const date earliest = change.date.earliest();
            if (earliest > day) continue;
            if (e && earliest > e->latest) continue;  // the term was over: nothing left to change
            const bool decides = change.date.latest() > day || change.kind == status_change_kind::terminated;
            if (decides && (!deciding || earliest < deciding->date.earliest())) deciding = &change;
            if (!latest || earliest >= latest->date.earliest()) latest = &change;
        }
        if (deciding)
            return deciding->date.latest() > day ? agreement_status::unknown : agreement_status::terminated;

        if (e && day > e->latest) return agreement_status::expired;
        if (!e || day > e->earliest) return agreement_status::unknown;
        const bool suspended = latest != nullptr && latest->kind == status_change_kind::suspended;
        return suspended ? agreement_status::suspended : agreement_status::active;
    }

    /// The partner ids of the parties, in order.
    std::vector<std::string> party_ids() const {
        std::vector<std::string> ids;
        for (const auto& p : parties) ids.push_back(p.partner_id);
        return ids;
    }
    bool has_party(std::string_view partner_id) const {
        return std::any_of(parties.begin(), parties.end(), [&](const party& p) { return p.partner_id == partner_id; });
    }
    /// The parties bound by the agreement (every role except witness), as a set: a renewal must
    /// bind the same ones.
    std::set<std::string> bound_parties() const {
        std::set<std::string> ids;
        for (const auto& p : parties)
            if (p.role != party_role::witness) ids.insert(p.partner_id);
        return ids;
    }

    /// Renewals up to and including this one in its chain (0 for an original agreement, 2 for the
    /// second renewal). A renewal whose predecessor is not in the dataset counts as one, so the
    /// number is a lower bound when the early history is missing. Set when the agreement is part
    /// of an agreement_registry (a dataset); 1 or 0 for a free-standing agreement by its kind.
    std::size_t renewal_count() const noexcept {
        return renewal_count_ ? *renewal_count_ : (is_renewal() ? 1 : 0);
    }
    bool is_renewal() const noexcept { return kind == agreement_kind::renewal || !renews.empty(); }

    /// Equal when every recorded field is; the derived renewal count is not compared.
    friend bool operator==(const agreement& a, const agreement& b) { return fields(a) == fields(b); }

private:
    friend struct detail::agreement_derived;
    std::optional<std::size_t> renewal_count_;

    static auto fields(const agreement& a)
        -> decltype(std::tie(a.id, a.kind, a.title, a.parties, a.signatories, a.signed_date, a.start, a.end,
                             a.term_months, a.max_renewals, a.renews, a.scope, a.status_changes, a.sources, a.notes)) {
        return std::tie(a.id, a.kind, a.title, a.parties, a.signatories, a.signed_date, a.start, a.end, a.term_months,
                        a.max_renewals, a.renews, a.scope, a.status_changes, a.sources, a.notes);
    }
};

inline std::optional<std::size_t> detail::agreement_derived::renewal_count(const agreement& a) { return a.renewal_count_; }
inline void detail::agreement_derived::set_renewal_count(agreement& a, std::optional<std::size_t> count) {
    a.renewal_count_ = count;
}

/// Checks one agreement on its own; `field` is its place in a document ("agreements[2]").
inline void validate(const agreement& a, const std::string& field) {
    detail::require_slug(a.id, detail::subfield(field, "id"));
    if (a.parties.empty()) throw validation_error("an agreement needs at least one party", detail::subfield(field, "parties"));
    for (std::size_t i = 0; i < a.parties.size(); ++i) {
        const std::string party_field = detail::subfield(field, "parties[" + std::to_string(i) + "].partner_id");
        detail::require_slug(a.parties[i].partner_id, party_field);
        for (std::size_t j = 0; j < i; ++j)
            if (a.parties[j].partner_id == a.parties[i].partner_id)
                throw validation_error("partner '" + a.parties[i].partner_id + "' is listed twice among the parties",
                                       party_field);
    }
    if (a.term_months && *a.term_months <= 0)
        throw validation_error("must be a positive number of months, got " + std::to_string(*a.term_months),
                               detail::subfield(field, "term_months"));
    if (a.max_renewals && *a.max_renewals < 0)
        throw validation_error("cannot be negative, got " + std::to_string(*a.max_renewals), detail::subfield(field, "max_renewals"));
    if (a.renews == a.id) throw validation_error("an agreement cannot renew itself", detail::subfield(field, "renews"));

    if (a.end) {
        if (a.start && a.end->latest() < a.start->earliest())
            throw validation_error("end " + a.end->to_string() + " is before start " + a.start->to_string(), detail::subfield(field, "end"));
        if (!a.start && a.signed_date && a.end->latest() < a.signed_date->earliest())
            throw validation_error("end " + a.end->to_string() + " is before the signing date " +
                                       a.signed_date->to_string() + " (and no start is given)",
                                   detail::subfield(field, "end"));
        if (a.term_months && a.start_bounds()) {
            agreement by_term = a;
            by_term.end.reset();
            const auto derived = *by_term.end_bounds();
            if (a.end->latest() < derived.earliest || derived.latest < a.end->earliest())
                throw validation_error("end " + a.end->to_string() + " does not match term_months " +
                                           std::to_string(*a.term_months) + " from the start (" +
                                           derived.earliest.to_string() + " to " + derived.latest.to_string() + ")",
                                       detail::subfield(field, "end"));
        }
    }
}

}  // namespace tipstats
