#pragma once
// Where facts come from: a report, an article, a dataset. Every partner, agreement and note in a
// dataset cites its sources by id.

#include <tipstats/time/partial_date.hpp>

#include <optional>
#include <string>
#include <vector>

namespace tipstats {

/// A publication facts are taken from.
struct source {
    std::string id;         ///< slug, unique in a dataset, e.g. "ppp-2019"
    std::string title;      ///< headline or report title; empty when not known
    std::string publisher;  ///< e.g. "The Phnom Penh Post"
    std::string url;
    std::optional<partial_date> date;  ///< publication date, as precisely as known
    std::string notes;

    friend bool operator==(const source&, const source&) = default;
};

/// A citation: the source's id and, where it helps, the words the fact rests on.
struct source_ref {
    std::string source_id;
    std::string quote;

    friend bool operator==(const source_ref&, const source_ref&) = default;
};

/// A statement about the data as a whole that cannot be attached to one partner or agreement
/// ("some have renewed their MoU up to three times in a row").
struct note {
    std::string text;
    std::vector<source_ref> sources;

    friend bool operator==(const note&, const note&) = default;
};

}  // namespace tipstats
