#pragma once
// An immutable collection of records with unique ids, in the order they were given.

#include <tipstats/error.hpp>
#include <tipstats/model/enum_text.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tipstats {

template <class Record>
class registry {
public:
    using const_iterator = typename std::vector<Record>::const_iterator;

    registry() = default;
    /// Checks that every id is a slug and appears once; `field` names the list in errors
    /// ("partners" gives "partners[3].id").
    registry(std::vector<Record> records, std::string what, const std::string& field)
        : records_(std::move(records)), what_(std::move(what)) {
        for (std::size_t i = 0; i < records_.size(); ++i) {
            const std::string id_field = field + "[" + std::to_string(i) + "].id";
            detail::require_slug(records_[i].id, id_field);
            const auto [it, inserted] = index_.emplace(records_[i].id, i);
            if (!inserted)
                throw validation_error("duplicate id '" + records_[i].id + "' (first used by " + field + "[" +
                                           std::to_string(it->second) + "])",
                                       id_field);
        }
    }

    std::size_t size() const noexcept { return records_.size(); }
    bool empty() const noexcept { return records_.empty(); }
    const_iterator begin() const noexcept { return records_.begin(); }
    const_iterator end() const noexcept { return records_.end(); }
    const std::vector<Record>& records() const noexcept { return records_; }

    bool contains(std::string_view id) const { return index_.find(id) != index_.end(); }
    /// The record with this exact id, or not_found_error.
    const Record& get(std::string_view id) const { return records_[position(id)]; }
    /// Position in the order given, or not_found_error.
    std::size_t position(std::string_view id) const {
        const auto it = index_.find(id);
        if (it == index_.end()) throw not_found_error(what_, std::string(id));
        return it->second;
    }

    friend bool operator==(const registry& a, const registry& b) { return a.records_ == b.records_; }

protected:
    std::vector<Record> records_;
    std::map<std::string, std::size_t, std::less<>> index_;
    std::string what_;
};

}  // namespace tipstats
