"""
tipstats' compiled core. Use the public package `tipstats` instead.
"""
from __future__ import annotations
import collections.abc
import datetime
import numpy
import numpy.typing
import os
import pandas
from tipstats import DomainError
from tipstats import Error
from tipstats import FileError
from tipstats import FilePermissionError
from tipstats import MissingFileError
from tipstats import NotAFileError
from tipstats import NotFoundError
from tipstats import ParseError
from tipstats import ValidationError
import tipstats.observations
import typing
from . import stats
from . import trend
from . import io
from . import mse
__all__: list[str] = ['AgeBand', 'Agreement', 'AgreementRegistry', 'Continuity', 'Coverage', 'Dataset', 'DomainError', 'Error', 'FileError', 'FilePermissionError', 'Finding', 'MissingFileError', 'NotAFileError', 'NotFoundError', 'Note', 'Observation', 'Observations', 'ParseError', 'PartialDate', 'Partner', 'PartnerRegistry', 'Party', 'Period', 'Quantity', 'Series', 'Signatory', 'Source', 'SourceRef', 'SourceRegistry', 'StatusChange', 'Transition', 'ValidationError', 'fold_name', 'io', 'mse', 'parse_date', 'stats', 'tabulate_codes', 'tabulate_dense', 'trend']
class Period:
    """
    A reporting period with inclusive start and end dates.
    
    One grammar for parsing and printing: ``2019`` (year), ``2019-H1`` (half), ``2019-Q3``
    (quarter), ``2019-06`` (month), ``2019-06-14`` (day) and ISO 8601 intervals
    ``2019-01-01/2019-06-30`` whose ends may also be coarser forms (``2019-01/2019-06``).
    Two periods are equal when they cover the same days, whatever their written form.
    
    >>> p = Period("2019-H1")
    >>> p.start, p.end, p.days
    (datetime.date(2019, 1, 1), datetime.date(2019, 6, 30), 181)
    >>> str(p.shift(years=-1))
    '2018-H1'
    """
    @staticmethod
    def between(start: datetime.date, end: datetime.date) -> Period:
        """
        The days from ``start`` to ``end`` (``datetime.date``), both included; raises ValidationError if
        ``end`` is before ``start``.
        
        >>> q = ts.Period.between(ts.parse_date("2019-01-01"), ts.parse_date("2019-03-31"))
        >>> q, q == ts.Period("2019-Q1")
        (Period('2019-01-01/2019-03-31'), True)
        """
    @staticmethod
    def parse(text: str) -> Period:
        """
        Parse a period written in the grammar of the class; raises ParseError naming the text otherwise.
        
        >>> ts.Period.parse("2019-Q3")
        Period('2019-Q3')
        >>> ts.Period.parse("2019-01/2019-06") == ts.Period("2019-H1")
        True
        """
    @typing.overload
    def __contains__(self, arg0: datetime.date) -> bool:
        ...
    @typing.overload
    def __contains__(self, arg0: Period) -> bool:
        ...
    def __eq__(self, arg0: Period) -> bool:
        ...
    def __ge__(self, arg0: Period) -> bool:
        ...
    def __getstate__(self) -> tuple[int, str]:
        ...
    def __gt__(self, arg0: Period) -> bool:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, text: str) -> None:
        """
        Parse a period, as ``Period.parse``.
        """
    def __le__(self, arg0: Period) -> bool:
        ...
    def __lt__(self, arg0: Period) -> bool:
        ...
    def __ne__(self, arg0: Period) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def __str__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        ...
    @typing.overload
    def contains(self, other: datetime.date) -> bool:
        """
        Whether a date (or every day of a period) lies within this period; ``other in period`` is the same.
        
        >>> ts.Period("2019").contains(ts.Period("2019-H1")), ts.parse_date("2020-01-01") in ts.Period("2019")
        (True, False)
        """
    @typing.overload
    def contains(self, other: Period) -> bool:
        ...
    def overlaps(self, other: Period) -> bool:
        """
        Whether the two periods share a day.
        
        >>> ts.Period("2019-H1").overlaps(ts.Period("2019-06/2019-09")), ts.Period("2019-H1").overlaps(ts.Period("2019-H2"))
        (True, False)
        """
    def shift(self, *, years: typing.SupportsInt | typing.SupportsIndex) -> Period:
        """
        The same period ``years`` later; ``shift(years=-1)`` is the same period last year, the baseline of a
        year-on-year change. 29 February becomes 28 February in a common year.
        
        >>> ts.Period("2019-H1").shift(years=-1)
        Period('2018-H1')
        >>> ts.Period("2020-02-29").shift(years=1)
        Period('2021-02-28')
        """
    @property
    def days(self) -> int:
        """
        Number of days covered (days).
        """
    @property
    def end(self) -> datetime.date:
        """
        Last day, inclusive (datetime.date).
        """
    @property
    def kind(self) -> str:
        """
        'year', 'half', 'quarter', 'month', 'day' or 'interval'.
        """
    @property
    def start(self) -> datetime.date:
        """
        First day (datetime.date).
        """
class PartialDate:
    """
    A date known to the year, the month or the day (``2019``, ``2019-06``, ``2019-06-14``).
    
    News often gives only part of a date ("on Thursday", "in 2019"); a PartialDate keeps exactly what is
    known and says which days it can be (``earliest``, ``latest``). Built from text or a
    ``datetime.date``; raises ParseError naming the text for another form or an impossible date.
    
    >>> d = ts.PartialDate("2019-06")
    >>> d.precision, d.earliest, d.latest
    ('month', datetime.date(2019, 6, 1), datetime.date(2019, 6, 30))
    """
    @staticmethod
    def parse(text: str) -> PartialDate:
        """
        Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raises ParseError naming the text otherwise.
        
        >>> ts.PartialDate.parse("2019-08")
        PartialDate('2019-08')
        """
    def __eq__(self, arg0: PartialDate) -> bool:
        ...
    def __ge__(self, arg0: PartialDate) -> bool:
        ...
    def __getstate__(self) -> tuple[int, str]:
        ...
    def __gt__(self, arg0: PartialDate) -> bool:
        ...
    def __hash__(self) -> int:
        ...
    @typing.overload
    def __init__(self, text: str) -> None:
        ...
    @typing.overload
    def __init__(self, date: datetime.date) -> None:
        ...
    def __le__(self, arg0: PartialDate) -> bool:
        ...
    def __lt__(self, arg0: PartialDate) -> bool:
        ...
    def __ne__(self, arg0: PartialDate) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def __str__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        ...
    def admits(self, date: datetime.date) -> bool:
        """
        Whether ``date`` (a ``datetime.date``) is one of the days it can be.
        
        >>> ts.PartialDate("2019").admits(ts.parse_date("2019-08-01"))
        True
        """
    @property
    def day(self) -> typing.Any:
        """
        The day of the month, or None when not known.
        """
    @property
    def earliest(self) -> datetime.date:
        """
        First day it can be (datetime.date).
        """
    @property
    def is_exact(self) -> bool:
        """
        Whether it is known to the day.
        """
    @property
    def latest(self) -> datetime.date:
        """
        Last day it can be (datetime.date).
        """
    @property
    def month(self) -> typing.Any:
        """
        The month (1-12), or None when only the year is known.
        """
    @property
    def precision(self) -> str:
        """
        How much is known: 'year', 'month' or 'day'.
        """
    @property
    def year(self) -> int:
        """
        The year (always known).
        """
class AgeBand:
    """
    An age band: ages [lower, upper) in whole years, the upper end possibly open, or ``all`` or
    ``unknown``.
    
    Canonical text, for parsing and printing: ``"0-14"`` is ages 0 to 14 inclusive, i.e. [0, 15);
    ``"15-17"`` is [15, 18); ``"18+"`` is [18, inf); ``"all"`` (every age, unknown included: a total)
    and ``"unknown"``. ``AgeBand.from_label`` also reads wordings from reports and datasets through one
    table (``AgeBand.labels()``): "children under the age of 15" is 0-14, "aged between 15 and 18
    years old" is 15-17 (minors, as the Phnom Penh Post article means it), CTDC's ageBroad "9--17" is
    9-17.
    
    Bands sort as table rows: by lower bound, narrower first, then ``all``, then ``unknown``.
    
    >>> AgeBand("0-14").upper
    15
    >>> AgeBand.from_label("aged between 15 and 18 years old")
    AgeBand('15-17')
    >>> AgeBand("0-17").contains(AgeBand("15-17"))
    True
    """
    @staticmethod
    def all() -> AgeBand:
        """
        Every age, unknown ages included (a total).
        
        >>> ts.AgeBand.all().contains(ts.AgeBand.unknown())
        True
        """
    @staticmethod
    def from_label(label: str) -> AgeBand:
        """
        The band a label means: first the table ``AgeBand.labels()`` (case and spacing ignored), then the
        canonical forms. Raises ParseError naming an unknown label.
        
        >>> ts.AgeBand.from_label("Children under the age of 15")
        AgeBand('0-14')
        """
    @staticmethod
    def labels() -> dict:
        """
        The label table ``from_label`` uses (a dict): wording (lower case) -> canonical band.
        
        >>> ts.AgeBand.labels()["aged between 15 and 18 years old"]
        '15-17'
        """
    @staticmethod
    def parse(text: str) -> AgeBand:
        """
        Parse ``0-14``, ``18+``, ``all`` or ``unknown``; raises ParseError naming the text.
        
        >>> ts.AgeBand.parse("18+").lower
        18
        """
    @staticmethod
    def range(lower: typing.SupportsInt | typing.SupportsIndex, upper: typing.SupportsInt | typing.SupportsIndex | None = None) -> AgeBand:
        """
        Ages [lower, upper); ``upper=None`` is open-ended. Raises DomainError when upper <= lower or an age
        is outside 0-150.
        
        >>> ts.AgeBand.range(15, 18), ts.AgeBand.range(18)
        (AgeBand('15-17'), AgeBand('18+'))
        """
    @staticmethod
    def unknown() -> AgeBand:
        """
        Age not known.
        
        >>> ts.AgeBand.unknown() == ts.AgeBand("unknown")
        True
        """
    def __contains__(self, arg0: AgeBand) -> bool:
        ...
    def __eq__(self, arg0: AgeBand) -> bool:
        ...
    def __ge__(self, arg0: AgeBand) -> bool:
        ...
    def __getstate__(self) -> tuple[int, str]:
        ...
    def __gt__(self, arg0: AgeBand) -> bool:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, text: str) -> None:
        """
        Parse a canonical form, as ``AgeBand.parse``.
        """
    def __le__(self, arg0: AgeBand) -> bool:
        ...
    def __lt__(self, arg0: AgeBand) -> bool:
        ...
    def __ne__(self, arg0: AgeBand) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def __str__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        ...
    def contains(self, other: AgeBand) -> bool:
        """
        Whether every age of ``other`` lies in this band; ``other in band`` is the same. ``all`` contains
        every band, ``unknown`` included; ``unknown`` contains only itself.
        
        >>> ts.AgeBand("0-17").contains(ts.AgeBand("0-14")), ts.AgeBand("15-17") in ts.AgeBand("0-14")
        (True, False)
        """
    def contains_age(self, age: typing.SupportsInt | typing.SupportsIndex) -> bool:
        """
        Whether someone aged ``age`` (whole years) falls in the band; never for ``unknown``.
        
        >>> ts.AgeBand("0-14").contains_age(14), ts.AgeBand("0-14").contains_age(15)
        (True, False)
        """
    def overlaps(self, other: AgeBand) -> bool:
        """
        Whether some age can be in both bands.
        
        >>> ts.AgeBand("0-17").overlaps(ts.AgeBand("15+")), ts.AgeBand("0-14").overlaps(ts.AgeBand("15-17"))
        (True, False)
        """
    @property
    def is_all(self) -> bool:
        """
        Whether it is ``all`` (every age, a total).
        """
    @property
    def is_unknown(self) -> bool:
        """
        Whether it is ``unknown`` (age not known).
        """
    @property
    def lower(self) -> int | None:
        """
        First age in the band (years); 0 for ``all``, None for ``unknown``.
        """
    @property
    def upper(self) -> int | None:
        """
        First age past the band (years, exclusive); None when open (``18+``, ``all``) or ``unknown``.
        """
class Quantity:
    """
    A published figure that may be censored, known only as a range, or missing.
    
    ``Quantity("263")``, ``Quantity("<5")`` (0 <= value < 5), ``Quantity(">1000")``,
    ``Quantity("106-111")`` (106 to 111, both included: what "an increase of nearly 150 per cent" on
    263 leaves of the figure a year earlier), ``Quantity(None)`` (missing, which is not zero). Such a
    value is never turned into a number: ``value`` raises, and ``bounds(integer=True)`` gives what it
    can be (``<5`` -> (0, 4) for counts).
    """
    @staticmethod
    def above(bound: typing.SupportsFloat | typing.SupportsIndex) -> Quantity:
        """
        ``>bound``: a value above ``bound`` with no upper limit.
        
        >>> Quantity.above(1000), Quantity.above(1000).bounds()
        (Quantity('>1000'), (1001.0, inf))
        """
    @staticmethod
    def below(bound: typing.SupportsFloat | typing.SupportsIndex) -> Quantity:
        """
        ``<bound``: a value in [0, bound), as GLOTIP publishes counts under 5.
        
        >>> Quantity.below(5).bounds()
        (0.0, 4.0)
        """
    @staticmethod
    def from_bounds(lower: typing.SupportsFloat | typing.SupportsIndex, upper: typing.SupportsFloat | typing.SupportsIndex, *, integer: bool = True) -> Quantity:
        """
        The narrowest value that says what ``lower <= value <= upper`` says, for a non-negative quantity:
        exact, a range, ``>b`` when there is no upper bound (for counts, ``b = lower - 1``), or missing for
        ``(0, inf)``.
        
        >>> Quantity.from_bounds(106, 111), Quantity.from_bounds(52, float("inf")), Quantity.from_bounds(0, float("inf"))
        (Quantity('106-111'), Quantity('>51'), Quantity('NA'))
        """
    @staticmethod
    def missing() -> Quantity:
        """
        A value that was not published; it is not zero, and it is never summed as zero.
        
        >>> Quantity.missing().is_missing, Quantity.missing().bounds()
        (True, (0.0, inf))
        """
    @staticmethod
    def parse(text: str) -> Quantity:
        """
        Read a value as reports publish it: a number, ``<b`` (censored below b), ``>b`` (above b), a range
        ``a-b`` or ``[a, b]`` (both ends included), or empty/``NA`` for missing. Raises ParseError on other
        text.
        
        >>> Quantity.parse("263"), Quantity.parse("<5"), Quantity.parse("106-111"), Quantity.parse("NA")
        (Quantity('263'), Quantity('<5'), Quantity('106-111'), Quantity('NA'))
        """
    @staticmethod
    def range(lower: typing.SupportsFloat | typing.SupportsIndex, upper: typing.SupportsFloat | typing.SupportsIndex) -> Quantity:
        """
        A value known only to lie in ``[lower, upper]`` (both included); exact when they are equal. A
        DomainError for ends that are not finite or out of order.
        
        >>> Quantity.range(106, 111), Quantity.range(106, 111).bounds(), Quantity.range(5, 5)
        (Quantity('106-111'), (106.0, 111.0), Quantity('5'))
        """
    def __eq__(self, arg0: Quantity) -> bool:
        ...
    def __getstate__(self) -> tuple[int, str]:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, value: typing.Any) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def __str__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        ...
    def bounds(self, *, integer: bool = True) -> tuple[float, float]:
        """
        What the value can be, ``(lower, upper)``, closed; upper may be inf. With ``integer=True`` (counts)
        ``<5`` is (0, 4) and ``>1000`` is (1001, inf); with ``integer=False`` ``<5`` is (0, 5). A range is
        its ends.
        
        >>> Quantity("<5").bounds(), Quantity("<5").bounds(integer=False), Quantity("106-111").bounds()
        ((0.0, 4.0), (0.0, 5.0), (106.0, 111.0))
        """
    @property
    def bound(self) -> float:
        """
        The censoring bound (NaN if not censored).
        """
    @property
    def is_censored(self) -> bool:
        """
        True for ``<b`` and ``>b``: only one bound was published.
        """
    @property
    def is_exact(self) -> bool:
        """
        True when the value is a known number.
        """
    @property
    def is_missing(self) -> bool:
        """
        True when no value was published.
        """
    @property
    def is_range(self) -> bool:
        """
        True for a range ``a-b``: only its ends are known.
        """
    @property
    def kind(self) -> str:
        """
        'exact', 'below' (<b), 'above' (>b), 'range' (a-b) or 'missing'.
        """
    @property
    def value(self) -> float:
        """
        The value; ValidationError when censored, a range or missing.
        """
class Observation:
    """
    One published figure, a row of ``Observations``: what was measured, its value, for which period,
    place, offence, age band and sex, according to which source.
    
    >>> ts.datasets.cambodia_2019().observations[1]
    Observation(victims_rescued=70, period=2019-H1, area=KHM, offence=sexual_assault, age=0-14, sex=all)
    """
    def __eq__(self, other: typing.Any) -> bool:
        """
        Observations and series are equal when their pickled states are: the same rows, values and bounds.
        """
    def __hash__(self) -> int:
        ...
    def __reduce__(self) -> tuple:
        ...
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        ...
    def category(self, dimension: str) -> str:
        """
        The row's category along an extra dimension: ``'all'`` (the total) when the row does not name it.
        
        >>> obs = Observations(dimensions=["citizenship"])
        >>> obs.add("victims_detected", 60, "2017", area="ALB", citizenship="Albania")
        >>> obs[0].category("citizenship")
        'Albania'
        """
    def to_dict(self) -> dict:
        """
        The row as a dict of strings, as in the tidy CSV table (extra dimensions that are not their total
        included).
        
        >>> row = ts.datasets.cambodia_2019().observations[1].to_dict()
        >>> row["measure"], row["value"], row["period"], row["age"]
        ('victims_rescued', '70', '2019-H1', '0-14')
        """
    @property
    def age(self) -> AgeBand:
        """
        The AgeBand of the people counted; ``all`` for every age.
        """
    @property
    def area(self) -> str:
        """
        Where: an ISO 3166 code or a region's name; empty if unstated.
        """
    @property
    def extra_dimensions(self) -> dict[str, str]:
        """
        The categories of the table's extra dimensions that are not their total, e.g. ``{'citizenship': 'Romania'}`` (a dict; a dimension not in it is ``'all'``).
        """
    @property
    def measure(self) -> str:
        """
        What was measured, e.g. ``'victims_rescued'`` or ``'cases_with_arrest'``.
        """
    @property
    def note(self) -> str:
        """
        Free text: the quoted sentence, a caveat; may be empty.
        """
    @property
    def offence(self) -> str:
        """
        The offence or form of exploitation; ``'all'`` for a total.
        """
    @property
    def period(self) -> Period:
        """
        The Period the figure covers.
        """
    @property
    def sex(self) -> str:
        """
        The sex of the people counted: all, female, male, other or unknown.
        """
    @property
    def source(self) -> str:
        """
        The id of the source that published the figure.
        """
    @property
    def unit(self) -> str:
        """
        The unit: count, percent, proportion or per_100000.
        """
    @property
    def value(self) -> Quantity:
        """
        The value, a Quantity (possibly censored or missing).
        """
class Finding:
    """
    A problem ``Observations.check()`` found, naming the rows (0-based).
    
    >>> obs = Observations()
    >>> obs.add("victims_rescued", 263, "2019-H1", area="KHM")
    >>> obs.add("victims_rescued", 270, "2019-H1", area="KHM", age="0-14")
    >>> finding = obs.check()[0]
    >>> finding.kind, finding.dimension, finding.rows
    ('exceeds_total', 'age', [0, 1])
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Finding) -> bool:
        ...
    def __getstate__(self) -> tuple[int, str, str, list[int], str, list[int]]:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    @property
    def dimension(self) -> str:
        """
        The dimension concerned (age, sex, offence, an extra dimension such as citizenship, period, area, note); empty when none is.
        """
    @property
    def kind(self) -> str:
        """
        What was found: 'exceeds_total', 'overlapping_bands', 'duplicate', 'repeated_label', 'periods_do_not_nest', 'uncoded_area' or 'damaged_text'.
        """
    @property
    def lines(self) -> list[int]:
        """
        The rows' lines in the file the table was read from (empty for a table built in memory).
        """
    @property
    def message(self) -> str:
        """
        What is wrong, in a sentence that names the figures.
        """
    @property
    def rows(self) -> list[int]:
        """
        The rows involved, 0-based positions in the table.
        """
class Series:
    """
    One measure over time, in time order: ``periods``, ``values`` (NaN where censored or missing),
    ``lower``/``upper`` (what each value can be), ``censored`` and ``x`` (period midpoints in decimal
    years, the x of a trend). The arrays are read-only views, not copies. ``Observations.series``
    makes one.
    
    >>> obs = Observations()
    >>> for period, value in [("2019-H1", 263), ("2019-H2", "<5"), ("2020-H1", 120)]:
    ...     obs.add("victims_rescued", value, period, area="KHM")
    >>> obs.series("victims_rescued")
    Series(victims_rescued, 3 periods: 2019-H1: 263, 2019-H2: <5, 2020-H1: 120)
    """
    def __eq__(self, other: typing.Any) -> bool:
        """
        Observations and series are equal when their pickled states are: the same rows, values and bounds.
        """
    def __hash__(self) -> int:
        ...
    def __init__(self, measure: str, unit: str, periods: collections.abc.Sequence[typing.Any], values: collections.abc.Sequence[typing.Any], *, lower: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] | None = None, upper: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] | None = None) -> None:
        """
        A series from its periods and values (numbers, ``'<5'``, Quantity or None); ``lower``/``upper``
        narrow what values that are not exact can be (e.g. a sum with censored parts). Periods are put
        in time order. ``Observations.series`` is the usual way to get one.
        
        >>> Series("victims_detected", "count", ["2018", "2017"], [60, "<5"])
        Series(victims_detected, 2 periods: 2017: <5, 2018: 60)
        >>> Series("victims_detected", "count", ["2017"], [None], lower=[52], upper=[56]).censored
        array([ True])
        """
    def __len__(self) -> int:
        ...
    def __reduce__(self) -> tuple:
        """
        A series keeps its measure, unit, periods, values and bounds; the filters that selected it are not kept.
        """
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        ...
    def _resample(self, arg0: str) -> tuple[Series, list[Period]]:
        ...
    def _same_period_last_year(self) -> tuple[list[Period], list[Quantity], list[Period], list[Quantity]]:
        ...
    def resample(self, to: str = 'year') -> tipstats.observations.Resampled:
        """
        Totals over coarser periods ('year', 'half', 'quarter' or 'month').
        
            A coarser period gets a value only where the series' periods inside it are disjoint and cover it
            fully (or it is itself in the series); the others are returned in ``incomplete``. Sums with
            censored parts have no single value (NaN) but keep their bounds in ``lower``/``upper``.
            Another ``to`` raises DomainError.
        
            >>> obs = Observations()
            >>> for period, value in [("2019-Q1", 60), ("2019-Q2", 70), ("2019-Q3", "<5"), ("2019-Q4", 80),
            ...                       ("2020-Q1", 90)]:
            ...     obs.add("victims_rescued", value, period, area="KHM")
            >>> halves = obs.series("victims_rescued").resample("half")
            >>> halves
            Resampled(series=Series(victims_rescued, 2 periods: 2019-H1: 130, 2019-H2: NA), incomplete=[Period('2020-H1')])
            >>> halves.series.lower, halves.series.upper
            (array([130.,  80.]), array([130.,  84.]))
            
        """
    def same_period_last_year(self) -> pandas.DataFrame:
        """
        Each period beside the same period a year earlier, and the percent change.
        
            Columns: period, value, previous_period, previous_value (NaN where absent, censored, a range or
            missing), percent_change (``100 * (value - previous_value) / previous_value`` where both are
            exact), and percent_change_lower / percent_change_upper: the range of changes that the two
            figures allow when either is censored or a range (the change itself where both are exact; NaN
            where either is absent or missing; inf where the year before may be 0).
        
            >>> obs = Observations()
            >>> for period, value in [("2018-H1", "106-111"), ("2019-H1", 263), ("2019-H2", 180), ("2020-H1", 120)]:
            ...     obs.add("victims_rescued", value, period, area="KHM")
            >>> table = obs.series("victims_rescued").same_period_last_year()
            >>> table[["period", "percent_change", "percent_change_lower", "percent_change_upper"]].round(1)
                period  percent_change  percent_change_lower  percent_change_upper
            0  2018-H1             NaN                   NaN                   NaN
            1  2019-H1             NaN                 136.9                 148.1
            2  2019-H2             NaN                   NaN                   NaN
            3  2020-H1           -54.4                 -54.4                 -54.4
            
        """
    def sum(self) -> Quantity:
        """
        The total over the periods as a Quantity: exact when every value is, else what the bounds allow (a
        range, ``>b`` when a value is missing, so the total has no upper bound). The periods should not
        overlap (``resample`` checks that).
        
        >>> obs = Observations()
        >>> for period, value in [("2019-Q1", 60), ("2019-Q2", 70), ("2019-Q3", "<5"), ("2019-Q4", "20-25")]:
        ...     obs.add("victims_rescued", value, period, area="KHM")
        >>> obs.series("victims_rescued").sum()
        Quantity('150-159')
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        One row per period: value, lower, upper, censored, x; indexed by the period text.
        
            >>> obs = Observations()
            >>> for period, value in [("2019-H1", 263), ("2019-H2", "<5")]:
            ...     obs.add("victims_rescued", value, period, area="KHM")
            >>> obs.series("victims_rescued").to_pandas().round(2)
                     value  lower  upper  censored        x
            period
            2019-H1  263.0  263.0  263.0     False  2019.25
            2019-H2    NaN    0.0    4.0      True  2019.75
            
        """
    @property
    def censored(self) -> typing.Any:
        """
        True where the value is censored (``<b`` or ``>b``; bool array).
        """
    @property
    def lower(self) -> numpy.typing.NDArray[numpy.float64]:
        """
        The least each value can be in the series' unit (``<5`` -> 0; float array).
        """
    @property
    def measure(self) -> str:
        """
        The measure the series follows.
        """
    @property
    def periods(self) -> list[Period]:
        """
        The periods, in time order (a list of Period).
        """
    @property
    def quantities(self) -> list[Quantity]:
        """
        Each value as a Quantity.
        """
    @property
    def unit(self) -> str:
        """
        The unit of every value (count, percent, ...).
        """
    @property
    def upper(self) -> numpy.typing.NDArray[numpy.float64]:
        """
        The most each value can be in the series' unit (``<5`` -> 4, missing -> inf).
        """
    @property
    def values(self) -> numpy.typing.NDArray[numpy.float64]:
        """
        Each value in the series' unit; NaN where censored or missing (float array).
        """
    @property
    def x(self) -> numpy.typing.NDArray[numpy.float64]:
        """
        Each period's midpoint in decimal years (2019-H1 -> 2019.25), the x of a trend.
        """
class Observations:
    """
    A table of observations: measure, value (possibly censored), unit, period, area, offence, age band,
    sex, source and note. Dimensions are stored as categorical codes. A dataset's figures are
    ``Dataset.observations``; ``tipstats.io.read_glotip`` reads UNODC's export into one.
    
    >>> obs = Observations()
    >>> obs.add("victims_rescued", 263, "2019-H1", area="KHM", offence="sexual_assault")
    >>> obs.add("victims_rescued", 70, "2019-H1", area="KHM", offence="sexual_assault", age="0-14")
    >>> obs.check()
    []
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_csv_text(text: str, file: str = '') -> Observations:
        """
        Read a tidy CSV table from text (all rows or none). ``file`` only names the text in errors.
        Raises ParseError with ``file``, ``line``, ``column`` and ``field`` on bad input, or when the
        text is not UTF-8.
        
        >>> obs = Observations.from_csv_text("measure,value,period,age\\nvictims_rescued,263,2019-H1,all\\n"
        ...                                  "victims_rescued,70,2019-H1,0-14\\n")
        >>> len(obs), str(obs[1].age)
        (2, '0-14')
        """
    @staticmethod
    def load_csv(path: os.PathLike | str | bytes) -> Observations:
        """
        Read a tidy CSV file (all rows or none); ``read_csv`` takes any path-like. Raises ParseError
        naming the file, line, column and field on bad input, bytes that are not UTF-8 included.
        
        >>> ts.datasets.cambodia_2019().observations.save_csv(str(tmp / "cambodia.csv"))
        >>> Observations.load_csv(str(tmp / "cambodia.csv"))
        <Observations: 4 rows, measures victims_rescued, cases_with_arrest>
        """
    @staticmethod
    def read_csv(path: str | os.PathLike) -> Observations:
        """
        Read a tidy CSV table from ``path`` (any path-like), all rows or none.
        
            Raises ParseError naming the file, line, column and field on bad input, bytes that are not
            UTF-8 included.
        
            >>> ts.datasets.cambodia_2019().observations.to_csv(tmp / "cambodia.csv")
            >>> Observations.read_csv(tmp / "cambodia.csv")
            <Observations: 4 rows, measures victims_rescued, cases_with_arrest>
            
        """
    @staticmethod
    def read_parquet(path: str | os.PathLike) -> Observations:
        """
        Read a Parquet file written by :meth:`to_parquet` (any path-like), all rows or none.
        
            Dimensions, extra dimensions, censored values, ranges, missing values and notes come back as
            they were written (the table equals the one saved). A file that cannot be read, is not Parquet,
            lacks the ``tipstats`` metadata, has another format version, lacks a column or has a column that
            is neither a known field nor a recorded extra dimension raises ParseError naming the file (and
            the field); a bad value raises ParseError naming the file, the field and the row. Needs pyarrow.
        
            >>> ts.datasets.cambodia_2019().observations.to_parquet(tmp / "cambodia.parquet")
            >>> Observations.read_parquet(tmp / "cambodia.parquet")
            <Observations: 4 rows, measures victims_rescued, cases_with_arrest>
            
        """
    @classmethod
    def from_pandas(cls: type, frame: pandas.DataFrame) -> Observations:
        """
        Build a table from a tidy DataFrame (all rows or none).
        
            ``measure``, ``value`` and ``period`` are required. ``value`` holds numbers, or text such as
            ``"<5"``; alternatively the ``censoring`` and ``bound`` columns written by ``to_pandas``.
            Optional: ``unit`` (default count), ``area``, ``offence`` (all), ``age`` (all), ``sex`` (all),
            ``source``, ``note``; ``period_start``/``period_end`` are ignored (``period`` holds them), and so
            are ``lower``/``upper`` except for a range (censoring ``range``).
            Every other column is an extra dimension of the table (missing cells are its total, ``all``),
            so nothing is dropped; a column whose name cannot be a dimension's (lower-case letters, digits
            and ``_``) is an error. Errors (ValidationError, ParseError, DomainError) name the row.
        
            >>> frame = pd.DataFrame({"measure": "victims_rescued", "value": [263, "<5", None],
            ...                       "period": ["2019-H1", "2019-H2", "2020-H1"], "area": "KHM",
            ...                       "citizenship": [None, "Viet Nam", None]})
            >>> obs = Observations.from_pandas(frame)
            >>> [str(q) for q in obs.quantities], obs.extra_dimensions
            (['263', '<5', 'NA'], ['citizenship'])
            
        """
    def __eq__(self, arg0: Observations) -> bool:
        ...
    def __getitem__(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> Observation:
        ...
    def __getstate__(self) -> tuple[int, str]:
        ...
    def __init__(self, dimensions: collections.abc.Sequence[str] = []) -> None:
        """
        An empty table; ``dimensions`` declares its extra dimensions (breakdowns beyond offence, age and
        sex, such as GLOTIP's ``citizenship``): lower-case names of letters, digits and ``_``.
        
        >>> obs = Observations(dimensions=["citizenship"])
        >>> obs.extra_dimensions
        ['citizenship']
        """
    def __len__(self) -> int:
        ...
    def __repr__(self):
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _extend_columns(self, dimensions: dict, kinds: typing.Annotated[numpy.typing.ArrayLike, numpy.int8], numbers: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], uppers: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], notes: collections.abc.Sequence[str]) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    def _value_columns(self) -> tuple[numpy.typing.NDArray[numpy.int8], numpy.typing.NDArray[numpy.float64], numpy.typing.NDArray[numpy.float64], numpy.typing.NDArray[numpy.float64]]:
        ...
    def add(self, measure: str, value: typing.Any, period: typing.Any, *, unit: str = 'count', area: str = '', offence: str = 'all', age: typing.Any = 'all', sex: str = 'all', source: str = '', note: str = '', **kwargs) -> None:
        """
        Append one row after validating it: a count must be a whole number >= 0, a proportion lie in
        [0, 1]; the value may be a number, ``'<5'``, ``'>1000'``, a Quantity or None for missing; the
        period a Period or its text (``'2019'``, ``'2019-H1'``, ``'2019-01-01/2019-06-30'``). Other keyword
        arguments give the row's category along the table's extra dimensions (``citizenship="Romania"``);
        an extra dimension not given is its total, ``'all'``, and one the table has not declared is an
        error. On error (ValidationError, ParseError or DomainError naming the field) nothing is added.
        
        >>> obs = Observations(dimensions=["citizenship"])
        >>> obs.add("victims_rescued", 263, "2019-H1", area="KHM", offence="sexual_assault")
        >>> obs.add("cases_with_arrest", 86, "2019", unit="percent", area="KHM", age="0-14")
        >>> obs.add("victims_rescued", 12, "2019-H1", area="KHM", offence="sexual_assault", citizenship="Viet Nam")
        >>> len(obs), obs[1].unit, obs[2].category("citizenship")
        (3, 'percent', 'Viet Nam')
        """
    def add_dimension(self, name: str) -> None:
        """
        Declare one more extra dimension; the rows already in the table are its total (``'all'``).
        
        >>> obs = ts.datasets.cambodia_2019().observations
        >>> obs.add_dimension("province")
        >>> obs.extra_dimensions, obs[0].category("province")
        (['province'], 'all')
        """
    def aggregate(self, by: typing.Sequence[str], measure: str | None = None, **filters: str | AgeBand) -> pandas.DataFrame:
        """
        Totals of a measure's counts by the dimensions ``by``, adding censored values, ranges and
            missing values as bounds, so that no row drops out of a sum.
        
            Rows are chosen as :meth:`series` chooses them: breakdowns (offence, age, sex and the extra
            dimensions) that are neither in ``by`` nor filtered are their total ``"all"``; ``filters`` name
            a category of any dimension (``area="KHM"``, ``period="2019"``). ``measure`` may be left out
            when the table has one. Returns one row per combination of ``by``: the ``by`` columns,
            ``lower`` and ``upper`` (the least and greatest the total can be: ``<5`` adds 0 to 4, ``106-111``
            106 to 111, a missing value 0 to inf), ``value`` (the total where they agree, else NaN) and
            ``rows`` (how many rows were added). Only counts add up: another unit is a ValidationError, and
            so are periods that overlap within a total (add "period" to ``by`` or filter by one).
        
            Three countries' totals, one published as "<5" (summing ``value`` in pandas would drop it):
        
            >>> obs = Observations()
            >>> for area, value in [("KHM", 70), ("THA", 24), ("LAO", "<5")]:
            ...     obs.add("victims_detected", value, "2020", area=area)
            >>> obs.aggregate(by=["period"])
              period  value  lower  upper  rows
            0   2020    NaN   94.0   98.0     3
            
        """
    def categories(self, dimension: str) -> list[str]:
        """
        The distinct values of a dimension as text, in order of first appearance (for ``sex`` the five
        sexes in code order; an extra dimension starts with its total, ``'all'``).
        
        >>> obs = ts.datasets.cambodia_2019().observations
        >>> obs.categories("measure"), obs.categories("age")
        (['victims_rescued', 'cases_with_arrest'], ['all', '0-14', '15-17'])
        """
    def check(self) -> list[Finding]:
        """
        Consistency findings, as a list of Finding (empty when consistent):
        
        - ``exceeds_total``: a breakdown along any dimension (age, sex, offence, an extra dimension such as
          citizenship, sub-periods) adds up to more than its total; censored parts count with their least
          value, a censored total with its greatest;
        - ``overlapping_bands``: a breakdown into age bands that overlap;
        - ``duplicate`` / ``repeated_label``: rows with the same labels (measure, period, place, breakdown
          and source) and the same value (one figure entered twice?) or different values (unnamed
          sub-categories, as UNODC's GLOTIP export has them). Either way they are added when held against a
          total, and ``series`` adds them;
        - ``periods_do_not_nest``: periods that overlap without one containing the other;
        - ``uncoded_area``: an area that is not an ISO 3166 code (a place's name such as Sark);
        - ``damaged_text``: a label or note with U+FFFD, the mark of characters lost in a conversion.
        
        A table read from a file names the rows by their lines in it (``Finding.lines``). Loading a
        document or an export warns (ConsistencyWarning) with the number of findings by kind.
        
        >>> ts.datasets.cambodia_2019().observations.check()
        []
        >>> obs = Observations()
        >>> obs.add("victims_rescued", 263, "2019-H1", area="KHM")
        >>> obs.add("victims_rescued", 263, "2019-H1", area="KHM")
        >>> [finding.kind for finding in obs.check()]
        ['duplicate']
        """
    def codes(self, dimension: str) -> numpy.typing.NDArray[numpy.int32]:
        """
        Each row's code into ``categories(dimension)`` (an int32 array, a copy). ``dimension`` is one of
        measure, unit, period, area, offence, age, sex, source or an extra dimension of the table; another
        raises DomainError.
        
        >>> ts.datasets.cambodia_2019().observations.codes("measure")
        array([0, 0, 0, 1], dtype=int32)
        """
    def save_csv(self, path: os.PathLike | str | bytes) -> None:
        """
        Write the tidy CSV table to ``path`` (a str); atomic: a temporary file, then a rename, so a crash
        never leaves half a file. ``to_csv`` takes any path-like.
        
        >>> obs = ts.datasets.cambodia_2019().observations
        >>> obs.save_csv(str(tmp / "cambodia.csv"))
        >>> Observations.load_csv(str(tmp / "cambodia.csv")) == obs
        True
        """
    def series(self, measure: str, *, unit: str | None = None, area: str | None = None, offence: str | None = None, age: typing.Any = None, sex: str | None = None, source: str | None = None, **kwargs) -> Series:
        """
        The rows of ``measure`` matching the filters, in time order. Unset offence, age, sex and extra
        dimensions (given as keywords, ``citizenship="Romania"``) mean their totals ("all"); unset unit,
        area and source must be unambiguous. Rows with the same labels and period are unnamed parts of
        their category and are added (a sum with censored parts is known by its bounds). Raises
        NotFoundError when nothing matches and ValidationError (naming what to filter on) when ambiguous.
        
        >>> obs = ts.datasets.cambodia_2019().observations
        >>> obs.series("victims_rescued", offence="sexual_assault", age="0-14")
        Series(victims_rescued, 1 periods: 2019-H1: 70)
        """
    def to_csv(self, path: str | os.PathLike) -> None:
        """
        Write the tidy CSV table to ``path`` (any path-like) atomically (docs/format.md).
        
            >>> obs = ts.datasets.cambodia_2019().observations
            >>> obs.to_csv(tmp / "cambodia.csv")
            >>> (tmp / "cambodia.csv").read_text().splitlines()[0]
            'measure,value,unit,period,area,offence,age,sex,source,note'
            
        """
    def to_csv_text(self) -> str:
        """
        The tidy CSV table as text: the header ``measure,value,unit,period,area,offence,age,sex,source,note``
        and one line per row (docs/format.md).
        
        >>> lines = ts.datasets.cambodia_2019().observations.to_csv_text().splitlines()
        >>> print(lines[0]); print(lines[1])
        measure,value,unit,period,area,offence,age,sex,source,note
        victims_rescued,263,count,2019-H1,KHM,sexual_assault,all,all,ppp-2019,"A Ministry of Interior report ...
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        The table as a tidy DataFrame.
        
            Columns: the dimensions as categoricals (``measure``, ``unit``, ``period``, ``area``,
            ``offence``, ``age``, ``sex``, ``source``, then the table's extra dimensions, such as
            ``citizenship``), ``value`` (float; NaN where censored, a range or missing), ``censoring``
            (categorical: exact, below, above, missing, range), ``bound`` (the censoring bound of ``<b`` and
            ``>b``, else NaN), ``lower`` and ``upper`` (what each value can be: ``<5`` counts 0 and 4, a
            range its ends, missing 0 and inf; sum these, not ``value``, to keep censored rows),
            ``period_start`` and ``period_end`` (inclusive, datetime64) and ``note``.
            ``Observations.from_pandas`` reads it back unchanged.
        
            >>> df = ts.datasets.cambodia_2019().observations.to_pandas()
            >>> df[["measure", "value", "censoring", "period", "age"]]
                         measure  value censoring   period    age
            0    victims_rescued  263.0     exact  2019-H1    all
            1    victims_rescued   70.0     exact  2019-H1   0-14
            2    victims_rescued   31.0     exact  2019-H1  15-17
            3  cases_with_arrest   86.0     exact     2019   0-14
            
        """
    def to_parquet(self, path: str | os.PathLike) -> None:
        """
        Write the table to a Parquet file at ``path`` (any path-like), atomically.
        
            The columns are those of :meth:`to_pandas`: the dimensions (extra ones included) as dictionary
            (categorical) columns, the values with their censoring, bounds and ranges, the notes.
            The schema metadata ``tipstats`` records the format version and the extra dimensions, which
            :meth:`read_parquet` checks. The file is written beside the target under a hidden temporary name
            and renamed over it: an interrupted write leaves the old file whole, and no partial file that a
            reader of the folder (``dask.dataframe.read_parquet``) would take for data. Needs pyarrow
            (``pip install tipstats[dask]``).
        
            >>> obs = ts.datasets.cambodia_2019().observations
            >>> obs.to_parquet(tmp / "cambodia.parquet")
            >>> Observations.read_parquet(tmp / "cambodia.parquet") == obs
            True
            
        """
    def trends(self, measure: str, by: str | typing.Sequence[str] = 'area', model: typing.Literal['poisson', 'quasi', 'negbin'] = 'negbin', level: float = 0.95, threads: int = 0, progress: bool | typing.Callable[[int, int], typing.Any] = False, **filters: typing.Any) -> pandas.DataFrame:
        """
        Trends of every series of ``measure``, one row per value of the ``by`` dimensions.
        
            Each series is what :meth:`Observations.series` would give for its ``by`` values and the
            ``filters``: unnamed breakdowns (offence, age, sex) mean their total, "all"; the series' periods
            in time order with ``x`` the real year (period midpoints: gaps stay gaps, missing values are left
            out and counted). All series are fitted at once in C++ on ``threads`` threads (0: every core),
            without the GIL:
        
            - :func:`tipstats.trend.loglinear` with ``model`` ("negbin" by default: published yearly counts are
              usually overdispersed): ``slope``, its ``se``, ``apc`` with ``apc_lower``/``apc_upper`` at
              ``level`` and ``p_value``; ``dispersion`` is 1 (poisson), phi (quasi) or alpha (negbin);
              ``pearson_ratio`` (Pearson chi-square / df over the exact counts) shows overdispersion;
            - :func:`tipstats.trend.mann_kendall` and its Sen slope: ``mk_trend``, ``mk_tau``, ``mk_p`` and
              ``sen_slope`` (per year), the Akritas-Theil-Sen versions where counts are left-censored.
        
            Censored counts (``"<5"``) are used, not dropped (the likelihood takes the probability of their
            bounds; Akritas, Murphy & LaValley 1995 for the rank methods). Columns: the ``by`` dimensions
            (categorical), ``periods`` ("first..last"), ``n``, ``n_censored``, ``n_missing``, the results
            above, and ``note``, which says why a series (or part of its results, left NaN) could not be
            computed: too few counts, every count censored, a period given twice (name a ``source=`` or add
            a dimension to ``by``), a unit other than counts, and so on. A bad series never stops the others.
            ``progress`` as in the ``*_batch`` functions of :mod:`tipstats.trend` (the series then go to C++
            in chunks, each on every core, with the same results).
            An unknown dimension raises :class:`tipstats.DomainError`; a ``measure`` or filter that selects
            nothing raises :class:`tipstats.NotFoundError`.
        
            >>> obs = ts.Observations()
            >>> for year, kh, th in [(2015, 40, 5), (2016, 52, "<5"), (2017, 61, 7), (2018, 80, "<5"), (2019, 96, 9)]:
            ...     obs.add("victims_detected", kh, str(year), area="KHM")
            ...     obs.add("victims_detected", th, str(year), area="THA")
            >>> table = obs.trends("victims_detected", by="area", model="poisson")
            >>> table[["area", "periods", "n", "n_censored", "mk_trend"]]
              area     periods  n  n_censored    mk_trend
            0  KHM  2015..2019  5           0  increasing
            1  THA  2015..2019  5           2    no trend
            >>> table["apc"].round(1).tolist()
            [24.2, 16.7]
            
        """
    @property
    def dimensions(self) -> list[str]:
        """
        Every dimension: measure, unit, period, area, offence, age, sex, source, then the extra dimensions.
        """
    @property
    def extra_dimensions(self) -> list[str]:
        """
        The table's extra dimensions (a list of names), in the order declared.
        """
    @property
    def lines(self) -> numpy.typing.NDArray[numpy.uint64]:
        """
        Each row's line in the file the table was read from (empty when built in memory).
        """
    @property
    def notes(self) -> list[str]:
        """
        Each row's note (a list of str; empty where none).
        """
    @property
    def origin(self) -> str:
        """
        The file the table was read from ('' when built in memory).
        """
    @property
    def quantities(self) -> list[Quantity]:
        """
        Each row's value as a Quantity (a list), censoring and missing values kept.
        """
    @property
    def values(self) -> numpy.typing.NDArray[numpy.float64]:
        """
        Each row's value; NaN where censored or missing (a copy).
        """
class SourceRef:
    """
    A citation: a source id and, optionally, the quoted words. Wherever a list of citations is asked
    for, a plain source id converts to a SourceRef.
    
    >>> ts.SourceRef("ppp-2019", quote="a three-year agreement")
    SourceRef('ppp-2019', quote='a three-year agreement')
    """
    def __eq__(self, arg0: SourceRef) -> bool:
        ...
    def __getstate__(self) -> tuple:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, source: str, quote: str | None = None) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    @property
    def quote(self) -> typing.Any:
        """
        The source's own words the record rests on, or None.
        """
    @property
    def source(self) -> str:
        """
        Id of the cited source.
        """
class Source:
    """
    A publication facts are taken from (report, article, dataset). The date may be partial (text such
    as ``"2019"``, a ``datetime.date`` or a PartialDate).
    
    >>> ts.Source("tip-2020", title="Trafficking in Persons Report", publisher="US Department of State", date="2020-06")
    Source('tip-2020', publisher='US Department of State', date='2020-06')
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Source) -> bool:
        ...
    def __getstate__(self) -> tuple:
        ...
    def __init__(self, id: str, *, title: str | None = None, publisher: str | None = None, url: str | None = None, date: typing.Any = None, notes: str | None = None) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    @property
    def date(self) -> PartialDate | None:
        """
        Publication date (a PartialDate), or None.
        """
    @property
    def id(self) -> str:
        """
        Short unique id (a slug such as ``ppp-2019``) that citations use.
        """
    @property
    def notes(self) -> typing.Any:
        """
        What the source is and how it was used, or None.
        """
    @property
    def publisher(self) -> typing.Any:
        """
        Who published it (a newspaper, an agency, a ministry), or None.
        """
    @property
    def title(self) -> typing.Any:
        """
        Title, or None.
        """
    @property
    def url(self) -> typing.Any:
        """
        Where to read it, or None.
        """
class Note:
    """
    A statement about the dataset as a whole, with its sources.
    
    >>> ts.datasets.cambodia_2019().notes[1].sources[0].source
    'ppp-2019'
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Note) -> bool:
        ...
    def __getstate__(self) -> tuple:
        ...
    def __init__(self, text: str, sources: collections.abc.Sequence[SourceRef] = []) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    @property
    def sources(self) -> list[SourceRef]:
        """
        The citations (SourceRef) it rests on.
        """
    @property
    def text(self) -> str:
        """
        The statement.
        """
class Partner:
    """
    An organisation that signs agreements (after Popolo's Organization).
    
    ``kind`` is one of government_ministry, national_committee, law_enforcement, ngo,
    international_ngo, coalition, faith_based, un_agency, other; ``country`` an ISO 3166-1 alpha-3 code.
    Raises ValidationError (naming the field) for a bad id, an empty name or a bad country code.
    
    >>> ts.Partner("cwcc", "Cambodian Women's Crisis Center", acronym="CWCC", kind="ngo", country="KHM")
    Partner('cwcc', "Cambodian Women's Crisis Center", acronym='CWCC', kind='ngo', country='KHM')
    """
    def __eq__(self, arg0: Partner) -> bool:
        ...
    def __getstate__(self) -> tuple[int, str]:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, id: str, name: str, *, acronym: str | None = None, other_names: collections.abc.Sequence[str] = [], kind: str = 'other', country: str | None = None, parent_id: str | None = None, focus: collections.abc.Sequence[str] = [], url: str | None = None, notes: str | None = None, sources: collections.abc.Sequence[SourceRef] = []) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The partner as it is written in a dataset document (a dict; empty fields left out).
        
        >>> d = ts.datasets.cambodia_2019().partners["aple"].to_dict()
        >>> d["acronym"], d["focus"]
        ('APLE', ['trafficking', 'children'])
        """
    @property
    def acronym(self) -> typing.Any:
        """
        Acronym (``APLE``), or None.
        """
    @property
    def country(self) -> typing.Any:
        """
        ISO 3166-1 alpha-3 country code (``'KHM'``), or None.
        """
    @property
    def focus(self) -> list[str]:
        """
        Areas of work (a list such as ``['trafficking', 'children']``).
        """
    @property
    def id(self) -> str:
        """
        Short unique id (a slug such as ``aple``) that agreements use.
        """
    @property
    def kind(self) -> str:
        """
        Kind of organisation, such as ``'ngo'`` or ``'government_ministry'`` (see the class).
        """
    @property
    def name(self) -> str:
        """
        Full name.
        """
    @property
    def names(self) -> list[str]:
        """
        Every name it can be found by (a list): id, name, acronym, other names.
        """
    @property
    def notes(self) -> typing.Any:
        """
        Free-text remarks on the record, or None.
        """
    @property
    def other_names(self) -> list[str]:
        """
        Other names it is known by (a list, possibly empty).
        """
    @property
    def parent_id(self) -> typing.Any:
        """
        Id of the partner it is part of (a committee's ministry), or None.
        """
    @property
    def sources(self) -> list[SourceRef]:
        """
        The citations (SourceRef) the record rests on.
        """
    @property
    def url(self) -> typing.Any:
        """
        Web site, or None.
        """
class Party:
    """
    A partner bound by an agreement, with its role (signatory, witness, lead, implementing, funding).
    A plain partner id converts to a signatory.
    
    >>> ts.Party("ncct", role="witness")
    Party('ncct', role='witness')
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Party) -> bool:
        ...
    def __getstate__(self) -> tuple:
        ...
    @typing.overload
    def __init__(self, partner_id: str, role: str = 'signatory') -> None:
        ...
    @typing.overload
    def __init__(self, arg0: str) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    @property
    def partner_id(self) -> str:
        """
        Id of the partner.
        """
    @property
    def role(self) -> str:
        """
        'signatory', 'witness', 'lead', 'implementing' or 'funding'.
        """
class Signatory:
    """
    A person who signed, as the source names them.
    
    >>> ts.datasets.cambodia_2019().agreements["moi-aple-2019"].signatories
    [Signatory('Samleang Seila', title='Country Director', partner_id='aple')]
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Signatory) -> bool:
        ...
    def __getstate__(self) -> tuple:
        ...
    def __init__(self, name: str, *, title: str | None = None, partner_id: str | None = None) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    @property
    def name(self) -> str:
        """
        The person's name.
        """
    @property
    def partner_id(self) -> typing.Any:
        """
        Id of the partner they signed for, or None.
        """
    @property
    def title(self) -> typing.Any:
        """
        Their position (``'Country Director'``), or None.
        """
class StatusChange:
    """
    A dated change of status of an agreement: 'suspended', 'resumed' or 'terminated'. The date may be
    partial (text such as ``"2020-03"``, a ``datetime.date`` or a PartialDate).
    
    >>> ts.StatusChange("suspended", "2020-03", note="COVID-19 restrictions")
    StatusChange('suspended', '2020-03')
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: StatusChange) -> bool:
        ...
    def __getstate__(self) -> tuple:
        ...
    def __init__(self, status: str, date: typing.Any, note: str | None = None) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    @property
    def date(self) -> PartialDate:
        """
        When it took effect (a PartialDate).
        """
    @property
    def note(self) -> typing.Any:
        """
        What happened, as the source says, or None.
        """
    @property
    def status(self) -> str:
        """
        'suspended', 'resumed' or 'terminated'.
        """
class Agreement:
    """
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
    """
    def __eq__(self, arg0: Agreement) -> bool:
        ...
    def __getstate__(self) -> tuple[int, str, int | None]:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, id: str, parties: collections.abc.Sequence[Party], *, kind: str = 'mou', title: str | None = None, signatories: collections.abc.Sequence[Signatory] = [], signed: typing.Any = None, start: typing.Any = None, end: typing.Any = None, term_months: typing.SupportsInt | typing.SupportsIndex | None = None, max_renewals: typing.SupportsInt | typing.SupportsIndex | None = None, renews: str | None = None, scope: collections.abc.Sequence[str] = [], status_changes: collections.abc.Sequence[StatusChange] = [], sources: collections.abc.Sequence[SourceRef] = [], notes: str | None = None) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    def has_party(self, partner_id: str) -> bool:
        """
        Whether the partner with this exact id is a party (in any role).
        
        >>> ts.datasets.cambodia_2019().agreements["moi-cpu-2019"].has_party("cpu")
        True
        """
    def status_on(self, date: datetime.date) -> str:
        """
        The status on ``date`` (a ``datetime.date``): 'pending', 'active', 'expired', 'terminated',
        'suspended' or 'unknown' when the partial dates allow more than one.
        
        >>> import datetime
        >>> cpu = ts.datasets.cambodia_2019().agreements["moi-cpu-2019"]
        >>> cpu.status_on(datetime.date(2020, 6, 1)), cpu.status_on(datetime.date(2022, 6, 1))
        ('active', 'unknown')
        """
    def to_dict(self) -> typing.Any:
        """
        The agreement as it is written in a dataset document (a dict; empty fields left out).
        
        >>> d = ts.datasets.cambodia_2019().agreements["moi-cpu-2019"].to_dict()
        >>> d["kind"], d["signed"], d["term_months"], d["parties"][1]
        ('renewal', '2019', 36, {'partner_id': 'cpu', 'role': 'signatory'})
        """
    @property
    def end(self) -> PartialDate | None:
        """
        Last day of the term (a PartialDate), or None: see ``term_months``.
        """
    @property
    def end_bounds(self) -> tuple | None:
        """
        (earliest, latest) last day of the term; None if unknown.
        """
    @property
    def id(self) -> str:
        """
        Short unique id (a slug such as ``moi-cpu-2019``).
        """
    @property
    def is_renewal(self) -> bool:
        """
        Whether it renews an earlier agreement (kind 'renewal' or ``renews`` given).
        """
    @property
    def kind(self) -> str:
        """
        'mou', 'renewal', 'amendment' or 'agreement'.
        """
    @property
    def last_day_bounds(self) -> tuple | None:
        """
        (earliest, latest) last day in force, counting an early termination.
        """
    @property
    def max_renewals(self) -> int | None:
        """
        How many renewals in a row the agreement allows, or None when it does not say.
        """
    @property
    def notes(self) -> typing.Any:
        """
        Free-text remarks on the record, or None.
        """
    @property
    def parties(self) -> list[Party]:
        """
        The partners bound (Party, with their roles), in the order given.
        """
    @property
    def party_ids(self) -> list[str]:
        """
        Ids of the partners bound (a list), in the order given.
        """
    @property
    def renewal_count(self) -> int:
        """
        Renewals up to and including this agreement in its chain: 0 for an original agreement, 2 for the
        second renewal. A renewal whose predecessor is not in the dataset counts as one, so this is a lower
        bound when the early history is missing. Outside a dataset: 1 for a renewal, else 0.
        """
    @property
    def renews(self) -> typing.Any:
        """
        Id of the agreement this one renews, or None.
        """
    @property
    def scope(self) -> list[str]:
        """
        What it covers (a list such as ``['trafficking', 'sexual_abuse']``).
        """
    @property
    def signatories(self) -> list[Signatory]:
        """
        The people who signed (Signatory), as the sources name them.
        """
    @property
    def signed(self) -> PartialDate | None:
        """
        Signing date (a PartialDate), or None.
        """
    @property
    def sources(self) -> list[SourceRef]:
        """
        The citations (SourceRef) the record rests on.
        """
    @property
    def start(self) -> PartialDate | None:
        """
        First day of the term (a PartialDate), or None: the term then starts on signing.
        """
    @property
    def start_bounds(self) -> tuple | None:
        """
        (earliest, latest) first day in force: start, else the signing date; None if unknown.
        """
    @property
    def status_changes(self) -> list[StatusChange]:
        """
        Dated suspensions, resumptions and terminations (StatusChange), in order.
        """
    @property
    def term_months(self) -> int | None:
        """
        Length of the term in months (36 for three years), or None.
        """
    @property
    def title(self) -> typing.Any:
        """
        Title, or None.
        """
class Transition:
    """
    Two consecutive agreements of a partnership (see ``AgreementRegistry.continuity``). ``gap_days``:
    days between the last day of the first and the first day of the second, both excluded (0: back to
    back; negative: overlap); None when a date is not known to the day.
    
    >>> ds = ts.Dataset([ts.Partner("moi", "Ministry of Interior"), ts.Partner("cpu", "Child Protection Unit")],
    ...                 [ts.Agreement("first", ["moi", "cpu"], start="2016-01-01", term_months=36),
    ...                  ts.Agreement("second", ["moi", "cpu"], kind="renewal", renews="first", start="2019-03-01")])
    >>> ds.agreements.continuity("moi", "cpu").transitions
    [Transition('first', 'second', gap_days=59)]
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Transition) -> bool:
        ...
    def __getstate__(self) -> tuple:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    @property
    def from_id(self) -> str:
        """
        Id of the earlier agreement.
        """
    @property
    def gap_days(self) -> int | None:
        """
        Days uncovered between the two (negative: days in both), or None when not known.
        """
    @property
    def overlap_days(self) -> int | None:
        """
        Days in force under both agreements (0 when none), or None when not known.
        """
    @property
    def to_id(self) -> str:
        """
        Id of the later agreement.
        """
class Continuity:
    """
    The agreements between two partners in time order, with the transitions between consecutive ones
    (see ``AgreementRegistry.continuity``).
    
    >>> ts.datasets.cambodia_2019().agreements.continuity("MoI", "CPU")
    Continuity('moi', 'cpu', ['moi-cpu-2019'])
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Continuity) -> bool:
        ...
    def __getstate__(self) -> tuple:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    @property
    def agreement_ids(self) -> list[str]:
        """
        Ids of their agreements, by start (unknown starts last).
        """
    @property
    def gaps(self) -> list[Transition]:
        """
        Transitions that leave days uncovered.
        """
    @property
    def overlaps(self) -> list[Transition]:
        """
        Transitions where both agreements are in force.
        """
    @property
    def partner_ids(self) -> tuple[str, str]:
        """
        Ids of the two partners (a tuple), as asked for.
        """
    @property
    def transitions(self) -> list[Transition]:
        """
        One Transition between each agreement and the next.
        """
class Coverage:
    """
    Days of a window covered by some agreement between two partners: ``certain_days`` under every reading
    of the known dates, ``possible_days`` under at least one (an unknown end may run to the window's end).
    Suspensions are not removed. The CPU's three-year renewal, signed on an unknown day of 2019, covers
    for certain the days from 31 December 2019 to 31 December 2021:
    
    >>> ts.datasets.cambodia_2019().agreements.coverage("moi", "cpu", "2019/2022")
    Coverage('2019-01-01/2022-12-31', certain_days=732, possible_days=1460, window_days=1461)
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Coverage) -> bool:
        ...
    def __getstate__(self) -> tuple:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    @property
    def certain_days(self) -> int:
        """
        Days of the window covered whatever the exact dates (days).
        """
    @property
    def possible_days(self) -> int:
        """
        Days of the window covered under at least one reading of the dates (days).
        """
    @property
    def window(self) -> Period:
        """
        The Period looked at.
        """
    @property
    def window_days(self) -> int:
        """
        Length of the window in days.
        """
class SourceRegistry:
    """
    The sources of a dataset (read-only): ``len``, iteration in the order given, ``id in registry`` and
    ``registry[id]``.
    
    >>> [s.id for s in ts.datasets.cambodia_2019().sources]
    ['ppp-2019']
    """
    __hash__: typing.ClassVar[None] = None
    def __contains__(self, id: str) -> bool:
        ...
    def __eq__(self, arg0: SourceRegistry) -> bool:
        ...
    def __getitem__(self, id: str) -> Source:
        ...
    def __getstate__(self) -> tuple:
        ...
    def __iter__(self) -> collections.abc.Iterator[Source]:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    def get(self, id: str) -> Source:
        """
        The source with this exact id, as ``registry[id]``.
        
        Raises NotFoundError (a KeyError) naming the id when there is none.
        
        >>> ts.datasets.cambodia_2019().sources.get("ppp-2019").publisher
        'The Phnom Penh Post'
        """
    @property
    def ids(self) -> list[str]:
        """
        The source ids (a list of str), in the order given.
        
        >>> ts.datasets.cambodia_2019().sources.ids
        ['ppp-2019']
        """
class PartnerRegistry:
    """
    The partners of a dataset (read-only): unique ids, known parents, lookup by any name.
    ``registry["aple"]`` takes an exact id; ``registry.find("Action Pour Les Enfants")`` also takes an
    acronym or any name, ignoring case, Latin diacritics and extra spaces (see ``tipstats.fold_name``).
    
    >>> partners = ts.datasets.cambodia_2019().partners
    >>> len(partners), "aple" in partners
    (7, True)
    """
    __hash__: typing.ClassVar[None] = None
    def __contains__(self, id: str) -> bool:
        ...
    def __eq__(self, arg0: PartnerRegistry) -> bool:
        ...
    def __getitem__(self, id: str) -> Partner:
        ...
    def __getstate__(self) -> tuple:
        ...
    def __iter__(self) -> collections.abc.Iterator[Partner]:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    def find(self, key: str) -> Partner:
        """
        The partner known by ``key``: its id, acronym, name or another name, ignoring case, Latin
        diacritics and extra spaces. Raises NotFoundError when none is, DomainError when several share
        that name.
        
        >>> ts.datasets.cambodia_2019().partners.find("joining hands coalition")
        Partner('chab-dai', 'Chab Dai Coalition', kind='coalition', country='KHM')
        """
    def find_all(self, key: str) -> list[Partner]:
        """
        Every partner known by ``key`` (a list, empty when none), matched as by ``find``.
        
        >>> [p.id for p in ts.datasets.cambodia_2019().partners.find_all("Terre des Hommes")]
        ['tdh-nl']
        """
    def get(self, id: str) -> Partner:
        """
        The partner with this exact id, as ``registry[id]``.
        
        Raises NotFoundError (a KeyError) naming the id when there is none.
        
        >>> ts.datasets.cambodia_2019().partners.get("aple").name
        'Action Pour Les Enfants'
        """
    def parent_chain(self, id: str) -> list[Partner]:
        """
        The partner with this id, its parent, its parent's parent... (a national committee, then its
        ministry). Raises NotFoundError for an unknown id.
        
        >>> [p.id for p in ts.datasets.cambodia_2019().partners.parent_chain("ncct")]
        ['ncct', 'moi']
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        The partners as a pandas DataFrame: one row per partner, indexed by id; list fields joined with "; ".
        
            >>> frame = ts.datasets.cambodia_2019().partners.to_pandas()
            >>> frame.loc["aple", ["acronym", "kind", "focus"]].tolist()
            ['APLE', 'ngo', 'trafficking; children']
            
        """
    @property
    def ids(self) -> list[str]:
        """
        The partner ids (a list of str), in the order given.
        
        >>> ts.datasets.cambodia_2019().partners.ids
        ['moi', 'ncct', 'chab-dai', 'tdh-nl', 'caritas-cambodia', 'aple', 'cpu']
        """
class AgreementRegistry:
    """
    The agreements of a dataset (read-only), checked against its partners. Partners can be named by id,
    acronym or any name wherever a partner is asked for.
    
    >>> agreements = ts.datasets.cambodia_2019().agreements
    >>> len(agreements), [a.id for a in agreements.involving("APLE")]
    (5, ['moi-aple-2019'])
    """
    __hash__: typing.ClassVar[None] = None
    def __contains__(self, id: str) -> bool:
        ...
    def __eq__(self, arg0: AgreementRegistry) -> bool:
        ...
    def __getitem__(self, id: str) -> Agreement:
        ...
    def __getstate__(self) -> tuple:
        ...
    def __iter__(self) -> collections.abc.Iterator[Agreement]:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    def active_on(self, date: datetime.date) -> list[Agreement]:
        """
        The agreements certainly in force on ``date`` (a ``datetime.date``; status 'active'), in order.
        
        >>> import datetime
        >>> [a.id for a in ts.datasets.cambodia_2019().agreements.active_on(datetime.date(2020, 6, 1))]
        ['moi-cpu-2019']
        """
    def between(self, first: str, second: str) -> list[Agreement]:
        """
        The agreements both partners (ids, acronyms or any names) are party to, in order. Raises
        NotFoundError for an unknown partner.
        
        >>> [a.id for a in ts.datasets.cambodia_2019().agreements.between("Ministry of Interior", "APLE")]
        ['moi-aple-2019']
        """
    def chain(self, id: str) -> list[Agreement]:
        """
        The renewal chain the agreement belongs to, oldest first. Raises NotFoundError for an unknown id.
        
        >>> ds = ts.Dataset([ts.Partner("moi", "Ministry of Interior"), ts.Partner("cpu", "Child Protection Unit")],
        ...                 [ts.Agreement("first", ["moi", "cpu"], start="2016-01-01", term_months=36),
        ...                  ts.Agreement("second", ["moi", "cpu"], kind="renewal", renews="first", start="2019-01-01")])
        >>> [a.id for a in ds.agreements.chain("second")]
        ['first', 'second']
        """
    def continuity(self, first: str, second: str) -> Continuity:
        """
        The partnership's agreements ordered by start, with the gap or overlap between each term and the
        next (a Continuity). Partners are named by id, acronym or any name.
        
        >>> ds = ts.Dataset([ts.Partner("moi", "Ministry of Interior"), ts.Partner("cpu", "Child Protection Unit")],
        ...                 [ts.Agreement("first", ["moi", "cpu"], start="2016-01-01", term_months=36),
        ...                  ts.Agreement("second", ["moi", "cpu"], kind="renewal", renews="first", start="2018-12-01")])
        >>> c = ds.agreements.continuity("moi", "cpu")
        >>> c.agreement_ids, c.overlaps[0].overlap_days
        (['first', 'second'], 31)
        """
    def coverage(self, first: str, second: str, window: typing.Any) -> Coverage:
        """
        The days of ``window`` (a Period or its text, e.g. '2019' or '2019-01-01/2021-06-30') covered by an
        agreement between the two partners (a Coverage). Raises ParseError naming ``window`` for bad text.
        
        >>> cover = ts.datasets.cambodia_2019().agreements.coverage("moi", "cpu", "2019/2022")
        >>> cover.certain_days, cover.possible_days, cover.window_days
        (732, 1460, 1461)
        """
    def get(self, id: str) -> Agreement:
        """
        The agreement with this exact id, as ``registry[id]``.
        
        Raises NotFoundError (a KeyError) naming the id when there is none.
        
        >>> ts.datasets.cambodia_2019().agreements.get("moi-cpu-2019").term_months
        36
        """
    def involving(self, partner: str) -> list[Agreement]:
        """
        The agreements a partner (id, acronym or any name) is party to, in order. Raises NotFoundError
        for an unknown partner.
        
        >>> [a.id for a in ts.datasets.cambodia_2019().agreements.involving("National Committee for Counter-Trafficking")]
        ['ncct-chab-dai-2019', 'ncct-tdh-nl-2019', 'ncct-caritas-cambodia-2019']
        """
    def renewal_count(self, id: str) -> int:
        """
        The renewal count of the agreement with this id (see ``Agreement.renewal_count``).
        
        >>> ts.datasets.cambodia_2019().agreements.renewal_count("moi-cpu-2019")
        1
        """
    def renewed_by(self, id: str) -> str | None:
        """
        Id of the agreement that renews this one, or None. Raises NotFoundError for an unknown id.
        
        >>> ds = ts.Dataset([ts.Partner("moi", "Ministry of Interior"), ts.Partner("cpu", "Child Protection Unit")],
        ...                 [ts.Agreement("first", ["moi", "cpu"], start="2016-01-01", term_months=36),
        ...                  ts.Agreement("second", ["moi", "cpu"], kind="renewal", renews="first", start="2019-01-01")])
        >>> ds.agreements.renewed_by("first"), ds.agreements.renewed_by("second")
        ('second', None)
        """
    def status_on(self, date: datetime.date) -> dict:
        """
        Every agreement's status on ``date`` (a dict ``{agreement id: status}``, see ``Agreement.status_on``).
        
        >>> import datetime
        >>> ts.datasets.cambodia_2019().agreements.status_on(datetime.date(2020, 6, 1))["moi-cpu-2019"]
        'active'
        """
    def to_pandas(self, on: datetime.date | None = None) -> pandas.DataFrame:
        """
        The agreements as a pandas DataFrame: one row per agreement, indexed by id, with its term as
            date ranges (earliest and latest first and last day) and, if ``on`` is given (a ``datetime.date``),
            its status on that day. Partial signing dates stay text ("2019").
        
            >>> frame = ts.datasets.cambodia_2019().agreements.to_pandas(on=ts.parse_date("2020-06-01"))
            >>> frame.loc["moi-cpu-2019", ["signed", "end_earliest", "end_latest", "status"]].tolist()
            ['2019', datetime.date(2021, 12, 31), datetime.date(2022, 12, 30), 'active']
            >>> frame["term_months"].tolist()
            [<NA>, <NA>, <NA>, <NA>, 36]
            
        """
    def with_status(self, status: str, date: datetime.date) -> list[Agreement]:
        """
        The agreements whose status on ``date`` is ``status`` ('pending', 'active', 'expired',
        'terminated', 'suspended' or 'unknown'). Raises ParseError naming ``status`` for another word.
        
        >>> import datetime
        >>> [a.id for a in ts.datasets.cambodia_2019().agreements.with_status("unknown", datetime.date(2020, 6, 1))]
        ['ncct-chab-dai-2019', 'ncct-tdh-nl-2019', 'ncct-caritas-cambodia-2019', 'moi-aple-2019']
        """
    @property
    def ids(self) -> list[str]:
        """
        The agreement ids (a list of str), in the order given.
        
        >>> ts.datasets.cambodia_2019().agreements.ids
        ['ncct-chab-dai-2019', 'ncct-tdh-nl-2019', 'ncct-caritas-cambodia-2019', 'moi-aple-2019', 'moi-cpu-2019']
        """
class Dataset:
    """
    Partners, agreements and the sources they cite, checked as a whole: a Dataset is complete and
    consistent or not built at all (ValidationError naming the field, e.g.
    ``agreements[2].parties[0].partner_id``). Saved and loaded as a versioned JSON document
    (``{"tipstats": 2, ...}``); errors in a file name its line and column.
    
    >>> ts.Dataset([ts.Partner("moi", "Ministry of Interior"), ts.Partner("aple", "Action Pour Les Enfants")],
    ...            [ts.Agreement("moi-aple-2019", ["moi", "aple"], signed="2019")], title="Cambodia")
    Dataset('Cambodia', 2 partners, 1 agreement, 0 observations, 0 sources)
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str) -> Dataset:
        """
        Parse a dataset document (JSON text). Raises ParseError or ValidationError with line, column and field.
        
        >>> ds = ts.Dataset.from_json('{"tipstats": 1, "partners": [{"id": "aple", "name": "APLE"}]}')
        >>> ds.partners.ids
        ['aple']
        
        Warns (ConsistencyWarning) when ``observations.check()`` finds problems.
        """
    @staticmethod
    def load(path: str | os.PathLike[str]) -> Dataset:
        """
        Read a dataset document (UTF-8) from ``path`` (text or a path-like object). Errors name the file,
        line, column and field.
        
        >>> ts.datasets.cambodia_2019().save(tmp / "cambodia.json")
        >>> ts.Dataset.load(tmp / "cambodia.json")
        Dataset('Cambodia 2019: ...', 7 partners, 5 agreements, 4 observations, 1 source)
        
        Warns (ConsistencyWarning) when ``observations.check()`` finds problems.
        """
    def __eq__(self, arg0: Dataset) -> bool:
        ...
    def __getstate__(self) -> tuple[int, str]:
        ...
    def __init__(self, partners: collections.abc.Sequence[Partner] = [], agreements: collections.abc.Sequence[Agreement] = [], *, sources: collections.abc.Sequence[Source] = [], notes: collections.abc.Sequence[Note] = [], title: str | None = None, observations: Observations = ...) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    def add_agreement(self, agreement: Agreement) -> None:
        """
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
        """
    def add_note(self, note: Note) -> None:
        """
        Adds a note about the whole dataset; it must cite known sources (ValidationError otherwise).
        
        >>> ds = ts.datasets.cambodia_2019()
        >>> ds.add_note(ts.Note("The 2018 count is implied by the claimed increase.", sources=["ppp-2019"]))
        >>> len(ds.notes)
        3
        """
    def add_observation(self, measure: str, value: float | str | Quantity | None, period: str | Period, **fields: str | AgeBand) -> None:
        """
        Add one observation (as ``Observations.add``); it must cite a known source, if any
            (ValidationError otherwise), and the dataset is unchanged when it fails.
        
            >>> ds = ts.datasets.cambodia_2019()
            >>> ds.add_observation("victims_rescued", None, "2018-H1", area="KHM", offence="sexual_assault",
            ...                    source="ppp-2019", note="not published; implied by the claimed increase")
            >>> len(ds.observations)
            5
            
        """
    def add_observations(self, rows: Observations) -> None:
        """
        Adds every row of an Observations table, or none: the rows are checked and must cite known
        sources (ValidationError naming the row otherwise).
        
        >>> ds = ts.datasets.cambodia_2019()
        >>> rows = ts.Observations()
        >>> rows.add("victims_rescued", None, "2018-H1", area="KHM", offence="sexual_assault", source="ppp-2019",
        ...          note="not published; implied by the claimed increase")
        >>> ds.add_observations(rows)
        >>> len(ds.observations)
        5
        """
    def add_partner(self, partner: Partner) -> None:
        """
        Adds a partner after checking the whole dataset with it (ValidationError naming the field, e.g. a
        duplicate id or an unknown parent); changes nothing if that fails.
        
        >>> ds = ts.datasets.cambodia_2019()
        >>> ds.add_partner(ts.Partner("cwcc", "Cambodian Women's Crisis Center", acronym="CWCC", kind="ngo", country="KHM"))
        >>> ds.partners.find("CWCC").id, len(ds.partners)
        ('cwcc', 8)
        """
    def add_source(self, source: Source) -> None:
        """
        Adds a source after checking the whole dataset with it (ValidationError for a duplicate id);
        changes nothing if that fails.
        
        >>> ds = ts.datasets.cambodia_2019()
        >>> ds.add_source(ts.Source("tip-2020", title="Trafficking in Persons Report", publisher="US Department of State"))
        >>> ds.sources.ids
        ['ppp-2019', 'tip-2020']
        """
    def save(self, path: typing.Any) -> None:
        """
        Write the dataset as a JSON document (UTF-8) to ``path``, atomically: a temporary file beside it is
        renamed over the old one, so an interrupted save leaves the old file intact.
        
        >>> ds = ts.datasets.cambodia_2019()
        >>> ds.save(tmp / "cambodia.json")
        >>> ts.Dataset.load(tmp / "cambodia.json") == ds
        True
        """
    def series(self, measure: str, **filters: str | AgeBand | None) -> Series:
        """
        One measure over time, as ``Observations.series``. Unset offence, age, sex and extra
            dimensions mean their totals; raises NotFoundError when no rows match.
        
            >>> ts.datasets.cambodia_2019().series("victims_rescued", offence="sexual_assault", age="0-14")
            Series(victims_rescued, 1 periods: 2019-H1: 70)
            
        """
    def to_dict(self) -> typing.Any:
        """
        The dataset document as a dict (what ``to_json`` writes).
        
        >>> d = ts.datasets.cambodia_2019().to_dict()
        >>> d["tipstats"], len(d["partners"]), d["agreements"][4]["id"]
        (2, 7, 'moi-cpu-2019')
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
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
        """
    @property
    def agreements(self) -> AgreementRegistry:
        """
        The agreements (a read-only snapshot): ``active_on``, ``between``, ``chain``, ``continuity``, ...
        """
    @property
    def notes(self) -> list[Note]:
        """
        Statements about the dataset as a whole (a list of Note).
        """
    @property
    def observations(self) -> Observations:
        """
        The observations (a copy: change the dataset with ``add_observations``).
        """
    @property
    def partners(self) -> PartnerRegistry:
        """
        The partners (a read-only snapshot): ``find``, ``parent_chain``, ``[id]``.
        """
    @property
    def sources(self) -> SourceRegistry:
        """
        The sources (a read-only snapshot).
        """
    @property
    def title(self) -> typing.Any:
        """
        Title, or None.
        """
def fold_name(name: str) -> str:
    """
    The key a partner's names are matched by (``PartnerRegistry.find``).
    
    ASCII and Latin-1 / Latin Extended-A letters lose case and
    diacritics (``"Lés ÉNFANTS"`` -> ``"les enfants"``; æ -> ae, ß -> ss, œ -> oe), runs of white space
    become one space and the ends are trimmed. Other scripts (Khmer, ...) are kept exactly.
    
    >>> ts.fold_name("  Action POUR  Lés Énfants ")
    'action pour les enfants'
    """
def parse_date(text: str) -> datetime.date:
    """
    Parse an ISO 8601 calendar date ``YYYY-MM-DD`` into a ``datetime.date``.
    
    Raises ParseError for other forms and impossible dates such as 2019-02-30.
    
    >>> ts.parse_date("2019-08-01")
    datetime.date(2019, 8, 1)
    """
def tabulate_codes(columns: collections.abc.Sequence[tuple[str, numpy.ndarray, typing.SupportsInt | typing.SupportsIndex | None]], threads: typing.SupportsInt | typing.SupportsIndex = 0, weights: typing.Annotated[numpy.typing.ArrayLike, numpy.int64] | None = None) -> tuple[list, numpy.typing.NDArray[numpy.int64]]:
    """
    Count rows per combination of codes. ``columns``: a list of (name, 1-D contiguous integer array, missing code or None); ``weights``: None or an int64 array, how many records each row stands for. Returns (list of int64 code arrays, int64 counts), sorted by the codes, missing last. Use ``tipstats.tabulate``.
    """
def tabulate_dense(columns: collections.abc.Sequence[tuple[str, numpy.ndarray, typing.SupportsInt | typing.SupportsIndex | None]], cells: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], threads: typing.SupportsInt | typing.SupportsIndex = 0) -> numpy.typing.NDArray[numpy.int64]:
    """
    Count rows into a table with a cell for every combination of codes. ``columns`` as for ``tabulate_codes``; ``cells``: per column, its codes 0..cells-2 and then the missing code's cell. Returns an int64 array of shape ``cells``. Used by ``tipstats.dask.tabulate``.
    """
__version__: str = '0.1.0'
