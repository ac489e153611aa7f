#pragma once
// datetime.date <-> tipstats::date, both ways.

#include <tipstats/time/date.hpp>

#include <pybind11/pybind11.h>

#include <datetime.h>

namespace pybind11::detail {

template <>
struct type_caster<tipstats::date> {
public:
    PYBIND11_TYPE_CASTER(tipstats::date, const_name("datetime.date"));

    bool load(handle src, bool) {
        if (!src) return false;
        if (!PyDateTimeAPI) PyDateTime_IMPORT;
        // datetime.datetime is a subclass of date; taking its date part silently would drop the time.
        if (!PyDate_Check(src.ptr()) || PyDateTime_Check(src.ptr())) return false;
        value = tipstats::date(PyDateTime_GET_YEAR(src.ptr()), PyDateTime_GET_MONTH(src.ptr()),
                                    PyDateTime_GET_DAY(src.ptr()));
        return true;
    }

    static handle cast(const tipstats::date& date, return_value_policy, handle) {
        if (!PyDateTimeAPI) PyDateTime_IMPORT;
        return PyDate_FromDate(date.year(), date.month(), date.day());
    }
};

}  // namespace pybind11::detail
