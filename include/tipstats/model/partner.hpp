#pragma once
// Organisations that sign agreements: ministries, national committees, police units, NGOs,
// coalitions (after Popolo's Organization and HTCDS's org_Type).

#include <tipstats/detail/text.hpp>
#include <tipstats/model/enum_text.hpp>
#include <tipstats/text.hpp>
#include <tipstats/model/name_folding.hpp>
#include <tipstats/model/registry.hpp>
#include <tipstats/model/source.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace tipstats {

enum class partner_kind {
    government_ministry,
    national_committee,
    law_enforcement,
    ngo,
    international_ngo,
    coalition,
    faith_based,
    un_agency,
    other
};

namespace detail {
inline constexpr enum_names<partner_kind, 9> partner_kind_names = {{
    {partner_kind::government_ministry, "government_ministry"},
    {partner_kind::national_committee, "national_committee"},
    {partner_kind::law_enforcement, "law_enforcement"},
    {partner_kind::ngo, "ngo"},
    {partner_kind::international_ngo, "international_ngo"},
    {partner_kind::coalition, "coalition"},
    {partner_kind::faith_based, "faith_based"},
    {partner_kind::un_agency, "un_agency"},
    {partner_kind::other, "other"},
}};
}  // namespace detail

inline std::string_view to_string(partner_kind kind) { return detail::enum_to_string(detail::partner_kind_names, kind); }
inline partner_kind parse_partner_kind(std::string_view text) {
    return detail::enum_from_string(detail::partner_kind_names, text, "partner kind");
}

struct partner {
    std::string id;                        ///< slug, unique in a dataset: "aple"
    std::string name;                      ///< "Action Pour Les Enfants"
    std::string acronym;                   ///< "APLE"; empty when none
    std::vector<std::string> other_names;  ///< other spellings and translations
    partner_kind kind = partner_kind::other;
    std::string country;                   ///< ISO 3166-1 alpha-3 ("KHM"); empty when not known
    std::string parent_id;                 ///< the body it belongs to; empty when none
    std::vector<std::string> focus;        ///< children, migration, sexual_abuse, labour, ...
    std::string url;
    std::string notes;
    std::vector<source_ref> sources;

    /// Every name the partner can be looked up by: id, acronym, name, other names.
    std::vector<std::string_view> names() const {
        std::vector<std::string_view> out{id, name};
        if (!acronym.empty()) out.push_back(acronym);
        out.insert(out.end(), other_names.begin(), other_names.end());
        return out;
    }

    friend bool operator==(const partner&, const partner&) = default;
};

/// Checks one partner on its own; `field` is its place in a document ("partners[3]").
inline void validate(const partner& partner, const std::string& field) {
    detail::require_slug(partner.id, detail::subfield(field, "id"));
    if (detail::trim(partner.name).empty()) throw validation_error("a partner needs a name", detail::subfield(field, "name"));
    const auto& c = partner.country;
    if (!c.empty() && (c.size() != 3 || !std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })))
        throw validation_error("'" + c + "' is not an ISO 3166-1 alpha-3 country code (three capital letters, e.g. KHM)",
                               detail::subfield(field, "country"));
    if (partner.parent_id == partner.id) throw validation_error("a partner cannot be its own parent", detail::subfield(field, "parent_id"));
}

/// The partners of a dataset: unique ids, known parents without cycles, lookup by any name.
class partner_registry : public registry<partner> {
public:
    partner_registry() = default;
    explicit partner_registry(std::vector<partner> partners)
        : registry(std::move(partners), "partner", "partners") {
        for (std::size_t i = 0; i < records_.size(); ++i) {
            const partner& p = records_[i];
            const std::string field = "partners[" + std::to_string(i) + "]";
            validate(p, field);
            if (!p.parent_id.empty() && !contains(p.parent_id))
                throw validation_error("unknown parent partner '" + p.parent_id + "'", detail::subfield(field, "parent_id"));
            for (const std::string_view n : p.names()) {
                auto& owners = by_name_[fold_name(n)];
                if (std::find(owners.begin(), owners.end(), i) == owners.end()) owners.push_back(i);
            }
        }
        for (std::size_t i = 0; i < records_.size(); ++i) {
            std::size_t steps = 0;
            for (const partner* p = &records_[i]; !p->parent_id.empty(); p = &get(p->parent_id))
                if (++steps > records_.size())
                    throw validation_error("the parent chain of '" + records_[i].id + "' loops back on itself",
                                           "partners[" + std::to_string(i) + "].parent_id");
        }
    }

    /// Every partner known by `key`: an exact id, or an id, acronym or name equal to `key` after
    /// folding case, Latin diacritics and white space (see name_folding.hpp).
    std::vector<const partner*> find_all(std::string_view key) const {
        if (contains(key)) return {&get(key)};
        std::vector<const partner*> out;
        if (const auto it = by_name_.find(fold_name(key)); it != by_name_.end())
            for (const std::size_t i : it->second) out.push_back(&records_[i]);
        return out;
    }

    /// The one partner known by `key` (see find_all); not_found_error when none, domain_error when
    /// the name is shared by several partners (use the id).
    const partner& find(std::string_view key) const {
        const auto found = find_all(key);
        if (found.empty()) throw not_found_error("partner", std::string(key));
        if (found.size() > 1) {
            std::string ids;
            for (const partner* p : found) ids += (ids.empty() ? "'" : ", '") + p->id + "'";
            throw domain_error("key", "'" + std::string(key) + "' names several partners (" + ids + "); use an id");
        }
        return *found.front();
    }

    /// The partner itself, then its parent, its parent's parent, ... up to a partner without one
    /// (pointers into the registry, as find_all).
    std::vector<const partner*> parent_chain(std::string_view id) const {
        std::vector<const partner*> chain{&get(id)};
        while (!chain.back()->parent_id.empty()) chain.push_back(&get(chain.back()->parent_id));
        return chain;
    }

private:
    std::map<std::string, std::vector<std::size_t>, std::less<>> by_name_;
};

}  // namespace tipstats
