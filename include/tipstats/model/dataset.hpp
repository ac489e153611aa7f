#pragma once
// A dataset: sources, partners, the agreements between them and the observations (published
// figures), checked as a whole. A Dataset is either complete and consistent or not built at all:
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

class SourceRegistry : public Registry<Source> {
public:
    SourceRegistry() = default;
    explicit SourceRegistry(std::vector<Source> sources) : Registry(std::move(sources), "source", "sources") {}
};

class Dataset {
public:
    Dataset() : Dataset({}, {}, {}) {}

    Dataset(std::vector<Source> sources, std::vector<Partner> partners, std::vector<Agreement> agreements,
            std::vector<Note> notes = {}, std::string title = {}, Observations observations = {})
        : title_(std::move(title)),
          notes_(std::move(notes)),
          sources_(std::make_shared<SourceRegistry>(std::move(sources))),
          partners_(std::make_shared<PartnerRegistry>(std::move(partners))),
          agreements_(std::make_shared<AgreementRegistry>(std::move(agreements), partners_)),
          observations_(std::make_shared<Observations>(std::move(observations))) {
        for (std::size_t i = 0; i < partners_->size(); ++i)
            check_citations(partners_->records()[i].sources, "partners[" + std::to_string(i) + "]");
        for (std::size_t i = 0; i < agreements_->size(); ++i)
            check_citations(agreements_->records()[i].sources, "agreements[" + std::to_string(i) + "]");
        for (std::size_t i = 0; i < notes_.size(); ++i) {
            const std::string field = "notes[" + std::to_string(i) + "]";
            if (detail::trim(notes_[i].text).empty()) throw validation_error("a note needs a text", field + ".text");
            check_citations(notes_[i].sources, field);
        }
        const auto observation_sources = observations_->labels(Dimension::source);
        const auto& source_codes = observations_->codes(Dimension::source);
        for (std::size_t i = 0; i < source_codes.size(); ++i) {
            const std::string& id = observation_sources[static_cast<std::size_t>(source_codes[i])];
            if (!id.empty() && !sources_->contains(id))
                throw validation_error("cites unknown source '" + id + "'",
                                       "observations[" + std::to_string(i) + "].source");
        }
    }

    const std::string& title() const noexcept { return title_; }
    const std::vector<Note>& notes() const noexcept { return notes_; }
    const SourceRegistry& sources() const noexcept { return *sources_; }
    const PartnerRegistry& partners() const noexcept { return *partners_; }
    const AgreementRegistry& agreements() const noexcept { return *agreements_; }
    const Observations& observations() const noexcept { return *observations_; }

    /// One measure over time (see Observations::series).
    Series series(const std::string& measure, const SeriesFilter& filter = {}) const {
        return observations_->series(measure, filter);
    }

    /// Shared, immutable views that stay valid after the dataset changes or goes away.
    std::shared_ptr<const SourceRegistry> shared_sources() const noexcept { return sources_; }
    std::shared_ptr<const PartnerRegistry> shared_partners() const noexcept { return partners_; }
    std::shared_ptr<const AgreementRegistry> shared_agreements() const noexcept { return agreements_; }
    std::shared_ptr<const Observations> shared_observations() const noexcept { return observations_; }

    void set_title(std::string title) { title_ = std::move(title); }
    /// Each add_* checks the whole dataset with the new record and changes nothing if that fails.
    void add_source(Source source) {
        auto sources = sources_->records();
        sources.push_back(std::move(source));
        *this = Dataset(std::move(sources), partners_->records(), agreements_->records(), notes_, title_, *observations_);
    }
    void add_partner(Partner partner) {
        auto partners = partners_->records();
        partners.push_back(std::move(partner));
        *this = Dataset(sources_->records(), std::move(partners), agreements_->records(), notes_, title_, *observations_);
    }
    void add_agreement(Agreement agreement) {
        auto agreements = agreements_->records();
        agreements.push_back(std::move(agreement));
        *this = Dataset(sources_->records(), partners_->records(), std::move(agreements), notes_, title_, *observations_);
    }
    void add_note(Note note) {
        auto notes = notes_;
        notes.push_back(std::move(note));
        *this = Dataset(sources_->records(), partners_->records(), agreements_->records(), std::move(notes), title_,
                        *observations_);
    }
    /// Appends all rows or none, after checking them and the sources they cite.
    void add_observations(std::span<const Observation> rows) {
        Observations observations = *observations_;
        observations.extend(rows);
        *this = Dataset(sources_->records(), partners_->records(), agreements_->records(), notes_, title_,
                        std::move(observations));
    }
    /// The same for another table's rows, declaring its extra dimensions here.
    void add_observations(const Observations& rows) {
        Observations observations = *observations_;
        observations.extend(rows);
        *this = Dataset(sources_->records(), partners_->records(), agreements_->records(), notes_, title_,
                        std::move(observations));
    }

    friend bool operator==(const Dataset& a, const Dataset& b) {
        return a.title_ == b.title_ && a.notes_ == b.notes_ && *a.sources_ == *b.sources_ &&
               *a.partners_ == *b.partners_ && *a.agreements_ == *b.agreements_ && *a.observations_ == *b.observations_;
    }

private:
    void check_citations(const std::vector<SourceRef>& refs, const std::string& field) const {
        for (std::size_t j = 0; j < refs.size(); ++j)
            if (!sources_->contains(refs[j].source_id))
                throw validation_error("cites unknown source '" + refs[j].source_id + "'",
                                       field + ".sources[" + std::to_string(j) + "]");
    }

    std::string title_;
    std::vector<Note> notes_;
    std::shared_ptr<const SourceRegistry> sources_;
    std::shared_ptr<const PartnerRegistry> partners_;
    std::shared_ptr<const AgreementRegistry> agreements_;
    std::shared_ptr<const Observations> observations_;
};

}  // namespace tipstats
