#pragma once
// A dataset: sources, partners, the agreements between them and the observations (published
// figures), checked as a whole. A dataset is either complete and consistent or not built at all:
// every constructor and every add_* checks everything and throws validation_error (naming the
// field, e.g. "agreements[2].parties[0].partner_id") before anything changes.

#include <tipstats/detail/text.hpp>
#include <tipstats/model/agreement_registry.hpp>
#include <tipstats/model/observations.hpp>
#include <tipstats/model/partner.hpp>
#include <tipstats/model/registry.hpp>
#include <tipstats/model/source.hpp>

#include <memory>
#include <string>
#include <vector>

namespace tipstats {

class source_registry : public registry<source> {
public:
    source_registry() = default;
    explicit source_registry(std::vector<source> sources) : registry(std::move(sources), "source", "sources") {}
};

class dataset {
public:
    dataset() : dataset({}, {}, {}) {}

    dataset(std::vector<source> sources, std::vector<partner> partners, std::vector<agreement> agreements,
            std::vector<note> notes = {}, std::string title = {}, tipstats::observations observations = {})
        : title_(std::move(title)),
          notes_(std::move(notes)),
          sources_(std::make_shared<source_registry>(std::move(sources))),
          partners_(std::make_shared<partner_registry>(std::move(partners))),
          agreements_(std::make_shared<agreement_registry>(std::move(agreements), partners_)),
          observations_(std::make_shared<tipstats::observations>(std::move(observations))) {
        for (std::size_t i = 0; i < partners_->size(); ++i)
            check_citations(partners_->records()[i].sources, "partners[" + std::to_string(i) + "]");
        for (std::size_t i = 0; i < agreements_->size(); ++i)
            check_citations(agreements_->records()[i].sources, "agreements[" + std::to_string(i) + "]");
        for (std::size_t i = 0; i < notes_.size(); ++i) {
            const std::string field = "notes[" + std::to_string(i) + "]";
            if (detail::trim(notes_[i].text).empty()) throw validation_error("a note needs a text", field + ".text");
            check_citations(notes_[i].sources, field);
        }
        const auto observation_sources = observations_->labels(dimension::source);
        const auto& source_codes = observations_->codes(dimension::source);
        for (std::size_t i = 0; i < source_codes.size(); ++i) {
            const std::string& id = observation_sources[static_cast<std::size_t>(source_codes[i])];
            if (!id.empty() && !sources_->contains(id))
                throw validation_error("cites unknown source '" + id + "'",
                                       "observations[" + std::to_string(i) + "].source");
        }
    }

    const std::string& title() const noexcept { return title_; }
    const std::vector<note>& notes() const noexcept { return notes_; }
    const source_registry& sources() const noexcept { return *sources_; }
    const partner_registry& partners() const noexcept { return *partners_; }
    const agreement_registry& agreements() const noexcept { return *agreements_; }
    const tipstats::observations& observations() const noexcept { return *observations_; }

    /// One measure over time (see observations::series).
    tipstats::series series(const std::string& measure, const series_filter& filter = {}) const {
        return observations_->series(measure, filter);
    }

    /// Shared, immutable views that stay valid after the dataset changes or goes away.
    std::shared_ptr<const source_registry> shared_sources() const noexcept { return sources_; }
    std::shared_ptr<const partner_registry> shared_partners() const noexcept { return partners_; }
    std::shared_ptr<const agreement_registry> shared_agreements() const noexcept { return agreements_; }
    std::shared_ptr<const tipstats::observations> shared_observations() const noexcept { return observations_; }

    void set_title(std::string title) { title_ = std::move(title); }
    /// Each add_* checks the whole dataset with the new record and changes nothing if that fails.
    void add_source(source source) {
        auto sources = sources_->records();
        sources.push_back(std::move(source));
        *this = dataset(std::move(sources), partners_->records(), agreements_->records(), notes_, title_, *observations_);
    }
    void add_partner(partner partner) {
        auto partners = partners_->records();
        partners.push_back(std::move(partner));
        *this = dataset(sources_->records(), std::move(partners), agreements_->records(), notes_, title_, *observations_);
    }
    void add_agreement(agreement agreement) {
        auto agreements = agreements_->records();
        agreements.push_back(std::move(agreement));
        *this = dataset(sources_->records(), partners_->records(), std::move(agreements), notes_, title_, *observations_);
    }
    void add_note(note note) {
        auto notes = notes_;
        notes.push_back(std::move(note));
        *this = dataset(sources_->records(), partners_->records(), agreements_->records(), std::move(notes), title_,
                        *observations_);
    }
    /// Appends all rows or none, after checking them and the sources they cite.
    void add_observations(std::span<const observation> rows) {
        tipstats::observations table = *observations_;
        table.extend(rows);
        *this = dataset(sources_->records(), partners_->records(), agreements_->records(), notes_, title_,
                        std::move(table));
    }
    /// The same for another table's rows, declaring its extra dimensions here.
    void add_observations(const tipstats::observations& rows) {
        tipstats::observations table = *observations_;
        table.extend(rows);
        *this = dataset(sources_->records(), partners_->records(), agreements_->records(), notes_, title_,
                        std::move(table));
    }

    friend bool operator==(const dataset& a, const dataset& b) {
        return a.title_ == b.title_ && a.notes_ == b.notes_ && *a.sources_ == *b.sources_ &&
               *a.partners_ == *b.partners_ && *a.agreements_ == *b.agreements_ && *a.observations_ == *b.observations_;
    }

private:
    void check_citations(const std::vector<source_ref>& refs, const std::string& field) const {
        for (std::size_t j = 0; j < refs.size(); ++j)
            if (!sources_->contains(refs[j].source_id))
                throw validation_error("cites unknown source '" + refs[j].source_id + "'",
                                       field + ".sources[" + std::to_string(j) + "]");
    }

    std::string title_;
    std::vector<note> notes_;
    std::shared_ptr<const source_registry> sources_;
    std::shared_ptr<const partner_registry> partners_;
    std::shared_ptr<const agreement_registry> agreements_;
    std::shared_ptr<const tipstats::observations> observations_;
};

}  // namespace tipstats
