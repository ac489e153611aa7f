#pragma once
// A read-only view of contiguous arithmetic values of any type: what tipstats' numeric functions
// take, so that a std::vector<int>, a std::array<float, 5>, a C array, a std::span<const double>
// or an Eigen vector can be passed as it is, without a copy at the call.

#include <cstddef>
#include <cstdint>
#include <span>  // also std::data and std::size
#include <type_traits>
#include <vector>

namespace tipstats {

/// Numbers: every arithmetic type except bool.
template <class T>
concept number = std::is_arithmetic_v<T> && !std::is_same_v<std::remove_cv_t<T>, bool> &&
                 (std::is_floating_point_v<T> || sizeof(T) <= 8);

/// A contiguous, sized range of numbers (std::vector<int>, std::array<float, N>, T[N], std::span):
/// std::data gives a pointer to its numbers and std::size their count. (std::ranges' concepts would
/// say the same, but <ranges> alone doubles the parse time of a header such as stats/changes.hpp.)
template <class R>
concept number_range = requires(const R& values) {
    { std::data(values) } -> std::convertible_to<const void*>;
    { std::size(values) } -> std::convertible_to<std::size_t>;
} && std::is_pointer_v<decltype(std::data(std::declval<const R&>()))> &&
                       number<std::remove_pointer_t<decltype(std::data(std::declval<const R&>()))>>;

/// An Eigen vector stored contiguously (Eigen::VectorXd, a Map or Ref with unit inner stride):
/// Eigen's iterators are not contiguous iterators, so they are recognised by Eigen's own traits;
/// a row of a column-major matrix (non-unit stride) is refused at compile time.
template <class V>
concept contiguous_vector = requires(const V& v) {
    { v.data() } -> std::convertible_to<const typename V::Scalar*>;
    { v.size() } -> std::convertible_to<std::ptrdiff_t>;
} && V::IsVectorAtCompileTime == 1 && V::InnerStrideAtCompileTime == 1 && number<typename V::Scalar>;

class number_span {
public:
    constexpr number_span() noexcept = default;

    template <number T>
    number_span(const T* data, std::size_t size) noexcept : data_(data), size_(size), type_(type_of<T>()) {}

    template <class R>
        requires number_range<R> && (!std::is_same_v<std::remove_cvref_t<R>, number_span>)
    number_span(const R& values) noexcept  // NOLINT(google-explicit-constructor): a view, as std::span
        : number_span(std::data(values), static_cast<std::size_t>(std::size(values))) {}

    template <contiguous_vector V>
        requires(!number_range<V>)
    number_span(const V& values) noexcept  // NOLINT(google-explicit-constructor)
        : number_span(values.data(), static_cast<std::size_t>(values.size())) {}

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }

    /// Element i as a double.
    double operator[](std::size_t i) const noexcept {
        switch (type_) {
            case type::f64: return static_cast<const double*>(data_)[i];
            case type::f32: return static_cast<double>(static_cast<const float*>(data_)[i]);
            case type::f80: return static_cast<double>(static_cast<const long double*>(data_)[i]);
            case type::i8: return static_cast<double>(static_cast<const std::int8_t*>(data_)[i]);
            case type::i16: return static_cast<double>(static_cast<const std::int16_t*>(data_)[i]);
            case type::i32: return static_cast<double>(static_cast<const std::int32_t*>(data_)[i]);
            case type::i64: return static_cast<double>(static_cast<const std::int64_t*>(data_)[i]);
            case type::u8: return static_cast<double>(static_cast<const std::uint8_t*>(data_)[i]);
            case type::u16: return static_cast<double>(static_cast<const std::uint16_t*>(data_)[i]);
            case type::u32: return static_cast<double>(static_cast<const std::uint32_t*>(data_)[i]);
            case type::u64: return static_cast<double>(static_cast<const std::uint64_t*>(data_)[i]);
        }
        return 0;
    }

    /// The values as doubles: the view itself when they are doubles, else a converted copy kept in
    /// `storage`.
    std::span<const double> doubles(std::vector<double>& storage) const {
        if (type_ == type::f64) return {static_cast<const double*>(data_), size_};
        storage.resize(size_);
        for (std::size_t i = 0; i < size_; ++i) storage[i] = (*this)[i];
        return storage;
    }

private:
    enum class type : unsigned char { f64, f32, f80, i8, i16, i32, i64, u8, u16, u32, u64 };

    template <class T>
    static constexpr type type_of() noexcept {
        using U = std::remove_cv_t<T>;
        if constexpr (std::is_same_v<U, double>) return type::f64;
        else if constexpr (std::is_same_v<U, float>) return type::f32;
        else if constexpr (std::is_floating_point_v<U>) return type::f80;
        else if constexpr (std::is_signed_v<U>)
            return sizeof(U) == 1 ? type::i8 : sizeof(U) == 2 ? type::i16 : sizeof(U) == 4 ? type::i32 : type::i64;
        else
            return sizeof(U) == 1 ? type::u8 : sizeof(U) == 2 ? type::u16 : sizeof(U) == 4 ? type::u32 : type::u64;
    }

    const void* data_ = nullptr;
    std::size_t size_ = 0;
    type type_ = type::f64;
};

}  // namespace tipstats
