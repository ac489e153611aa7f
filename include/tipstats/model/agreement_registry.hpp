#pragma once
// The agreements of a dataset, checked against its partners: who is bound to whom, since when,
// renewal chains and the continuity of a partnership.

#include <tipstats/model/agreement.hpp>
#include <tipstats/model/partner.hpp>
#include <tipstats/model/registry.hpp>
#include <tipstats/time/period.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tipstats {

/// Two consecutive agreements of a partnership, ordered by start.
struct transition {
    std::string from_id;
    std::string to_id;
    /// Days between the last day of `from` and the first day of `to`, both excluded: 0 when one
    /// follows the other without a break, negative when they overlap (-3: three days in both).
    /// nullopt when either date is not known to the day.
    std::optional<long> gap_days;

    std::optional<long> overlap_days() const {
        if (!gap_days) return std::nullopt;
        return *gap_days < 0 ? -*gap_days : 0;
    }
    friend bool operator==(const transition&, const transition&) = default;
};

/// The agreements between two partners in time order, with the transitions between them.
struct continuity {
    std::string first_partner_id;
    std::string second_partner_id;
    std::vector<std::string> agreement_ids;
    std::vector<transition> transitions;
    friend bool operator==(const continuity&, const continuity&) = default;
};

/// How many days of a window some agreement between two partners was in force: `certain_days`
/// counts the days every reading of the known dates covers, `possible_days` those at least one
/// reading covers (an unknown end may run to the end of the window). Suspensions are not removed.
struct coverage {
    period window;
    long certain_days = 0;
    long possible_days = 0;
    friend bool operator==(const coverage&, const coverage&) = default;
};

class agreement_registry : public registry<agreement> {
public:
    agreement_registry() : partners_(std::make_shared<partner_registry>()) {}

    /// Checks each agreement, that every party and signatory is a known partner, and that every
    /// renewal renews a known agreement between the same parties, at most once, without cycles and
    /// no more often in a row than the renewed agreement's max_renewals.
    agreement_registry(std::vector<agreement> agreements, std::shared_ptr<const partner_registry> partners)
        : registry(std::move(agreements), "agreement", "agreements"), partners_(std::move(partners)) {
        for (std::size_t i = 0; i < records_.size(); ++i) check_references(i);
        for (std::size_t i = 0; i < records_.size(); ++i) {
            std::size_t steps = 0;
            for (const agreement* a = &records_[i]; !a->renews.empty(); a = &get(a->renews))
                if (++steps > records_.size())
                    throw validation_error("the renewal chain of '" + records_[i].id + "' loops back on itself",
                                           field_of(i) + ".renews");
        }
        for (std::size_t i = 0; i < records_.size(); ++i) {
            const agreement& a = records_[i];
            if (!a.max_renewals) continue;
            int renewals = 0;
            for (auto it = renewed_by_.find(a.id); it != renewed_by_.end(); it = renewed_by_.find(it->second))
                if (++renewals > *a.max_renewals)
                    throw validation_error("'" + it->second + "' renews '" + a.id + "' more often than its max_renewals (" +
                                               std::to_string(*a.max_renewals) + ") allows",
                                           field_of(position(it->second)) + ".renews");
        }
        for (auto& a : records_) {
            std::size_t count = 0;
            for (const agreement* link = &a;; link = &get(link->renews)) {
                count += link->is_renewal() ? 1u : 0u;
                if (link->renews.empty()) break;
            }
            detail::agreement_derived::set_renewal_count(a, count);
        }
    }

    const partner_registry& partners() const noexcept { return *partners_; }

    /// The same agreements, checked against the same partners.
    friend bool operator==(const agreement_registry& a, const agreement_registry& b) {
        return a.records_ == b.records_ && *a.partners_ == *b.partners_;
    }

    // Queries return pointers to the registry's agreements (valid while it lives), in the order
    // given, as partner_registry::find_all does: no agreement is copied.

    /// The agreements whose status on `day` is `status`.
    std::vector<const agreement*> with_status(agreement_status status, const date& day) const {
        return matching([&](const agreement& a) { return a.status_on(day) == status; });
    }
    /// The agreements certainly in force on `day` (see agreement::status_on).
    std::vector<const agreement*> active_on(const date& day) const {
        return with_status(agreement_status::active, day);
    }

    /// The agreements a partner is party to; `partner` is an id or any name (partner_registry::find).
    std::vector<const agreement*> involving(std::string_view partner) const {
        const std::string& id = partners_->find(partner).id;
        return matching([&](const agreement& a) { return a.has_party(id); });
    }

    /// The agreements both partners are party to.
    std::vector<const agreement*> between(std::string_view first, std::string_view second) const {
        const std::string& a_id = partners_->find(first).id;
        const std::string& b_id = partners_->find(second).id;
        return matching([&](const agreement& a) { return a.has_party(a_id) && a.has_party(b_id); });
    }

    /// The whole renewal chain the agreement belongs to, oldest first.
    std::vector<const agreement*> chain(std::string_view id) const {
        const agreement* first = &get(id);
        while (!first->renews.empty()) first = &get(first->renews);
        std::vector<const agreement*> out{first};
        for (auto it = renewed_by_.find(first->id); it != renewed_by_.end(); it = renewed_by_.find(out.back()->id))
            out.push_back(&get(it->second));
        return out;
    }
    /// See agreement::renewal_count.
    std::size_t renewal_count(std::string_view id) const { return get(id).renewal_count(); }
    /// The id of the agreement that renews this one, if any.
    std::optional<std::string> renewed_by(std::string_view id) const {
        get(id);
        const auto it = renewed_by_.find(id);
        return it == renewed_by_.end() ? std::nullopt : std::optional<std::string>(it->second);
    }

    /// The agreements between two partners ordered by start (unknown starts last), with the gap or
    /// overlap between each and the next.
    tipstats::continuity continuity(std::string_view first, std::string_view second) const {
        auto agreements = between(first, second);
        std::stable_sort(agreements.begin(), agreements.end(), [](const agreement* a, const agreement* b) {
            const auto sa = a->start_bounds();
            const auto sb = b->start_bounds();
            if (!sa || !sb) return sa.has_value() && !sb.has_value();
            return std::tie(sa->earliest, sa->latest) < std::tie(sb->earliest, sb->latest);
        });
        tipstats::continuity out{partners_->find(first).id, partners_->find(second).id, {}, {}};
        for (std::size_t i = 0; i < agreements.size(); ++i) {
            out.agreement_ids.push_back(agreements[i]->id);
            if (i == 0) continue;
            transition t{agreements[i - 1]->id, agreements[i]->id, std::nullopt};
            const auto last = agreements[i - 1]->last_day_bounds();
            const auto next = agreements[i]->start_bounds();
            if (last && next && last->is_exact() && next->is_exact())
                t.gap_days = (next->earliest - last->earliest).count() - 1;
            out.transitions.push_back(std::move(t));
        }
        return out;
    }

    /// The days of `window` covered by some agreement between the two partners.
    tipstats::coverage coverage(std::string_view first, std::string_view second, const period& window) const {
        std::vector<std::pair<date, date>> certain;
        std::vector<std::pair<date, date>> possible;
        for (const agreement* a : between(first, second)) {
            const auto start = a->start_bounds();
            const auto last = a->last_day_bounds();
            possible.emplace_back(start ? start->earliest : window.start(), last ? last->latest : window.end());
            if (start && last) certain.emplace_back(start->latest, last->earliest);
        }
        return {window, days_in(certain, window), days_in(possible, window)};
    }

private:
    std::shared_ptr<const partner_registry> partners_;
    std::map<std::string, std::string, std::less<>> renewed_by_;

    template <class Predicate>
    std::vector<const agreement*> matching(Predicate&& keep) const {
        std::vector<const agreement*> out;
        for (const auto& a : records_)
            if (keep(a)) out.push_back(&a);
        return out;
    }

    static std::string field_of(std::size_t i) { return "agreements[" + std::to_string(i) + "]"; }

    void check_references(std::size_t i) {
        const agreement& a = records_[i];
        const std::string field = field_of(i);
        validate(a, field);
        for (std::size_t j = 0; j < a.parties.size(); ++j)
            if (!partners_->contains(a.parties[j].partner_id))
                throw validation_error("unknown partner '" + a.parties[j].partner_id + "'",
                                       field + ".parties[" + std::to_string(j) + "].partner_id");
        for (std::size_t j = 0; j < a.signatories.size(); ++j) {
            const std::string& pid = a.signatories[j].partner_id;
            if (!pid.empty() && !partners_->contains(pid))
                throw validation_error("unknown partner '" + pid + "'",
                                       field + ".signatories[" + std::to_string(j) + "].partner_id");
        }
        if (a.renews.empty()) return;
        if (!contains(a.renews)) throw validation_error("renews unknown agreement '" + a.renews + "'", field + ".renews");
        const agreement* earlier = &get(a.renews);
        if (earlier->bound_parties() != a.bound_parties())
            throw validation_error("renews '" + earlier->id + "', which binds other parties (" +
                                       join(earlier->bound_parties()) + " instead of " + join(a.bound_parties()) + ")",
                                   field + ".renews");
        const auto [it, inserted] = renewed_by_.emplace(a.renews, a.id);
        if (!inserted)
            throw validation_error("'" + a.renews + "' is already renewed by '" + it->second + "'", field + ".renews");
    }

    static std::string join(const std::set<std::string>& ids) {
        std::string out;
        for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
        return out;
    }

    /// Days of `window` inside the union of the inclusive ranges.
    static long days_in(std::vector<std::pair<date, date>> ranges, const period& window) {
        std::sort(ranges.begin(), ranges.end());
        long days = 0;
        std::optional<date> covered_to;  // last day already counted
        for (auto [from, to] : ranges) {
            from = std::max(from, window.start());
            to = std::min(to, window.end());
            if (covered_to) from = std::max(from, *covered_to + std::chrono::days{1});
            if (to < from) continue;
            days += (to - from).count() + 1;
            covered_to = to;
        }
        return days;
    }
};

}  // namespace tipstats
