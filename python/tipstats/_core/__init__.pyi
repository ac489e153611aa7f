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
from tipstats import NotFoundError
from tipstats import ParseError
from tipstats import ValidationError
import tipstats.observations
import typing
from . import stats
from . import trend
from . import io
__all__: list[str] = ['AgeBand', 'Agreement', 'AgreementRegistry', 'Continuity', 'Coverage', 'Dataset', 'DomainError', 'Error', 'Finding', 'NotFoundError', 'Note', 'Observation', 'Observations', 'ParseError', 'PartialDate', 'Partner', 'PartnerRegistry', 'Party', 'Period', 'Quantity', 'Series', 'Signatory', 'Source', 'SourceRef', 'SourceRegistry', 'StatusChange', 'Transition', 'ValidationError', 'fold_name', 'io', 'parse_date', 'stats', 'tabulate_codes', 'trend']
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
        The days from ``start`` to ``end``, both included; raises ValidationError if ``end`` is before ``start``.
        """
    @staticmethod
    def parse(text: str) -> Period:
        """
        Parse a period; raises ParseError.
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
        Whether a date (or every day of a period) lies within this period.
        """
    @typing.overload
    def contains(self, other: Period) -> bool:
        ...
    def overlaps(self, other: Period) -> bool:
        """
        Whether the two periods share a day.
        """
    def shift(self, *, years: typing.SupportsInt | typing.SupportsIndex) -> Period:
        """
        The same period ``years`` later; ``shift(years=-1)`` is the same period last year. 29 February becomes 28 February in a common year.
        """
    @property
    def days(self) -> int:
        """
        Number of days covered.
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
    known and says which days it can be (``earliest``, ``latest``).
    """
    @staticmethod
    def parse(text: str) -> PartialDate:
        ...
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
        Whether ``date`` is one of the days it can be.
        """
    @property
    def day(self) -> typing.Any:
        ...
    @property
    def earliest(self) -> datetime.date:
        """
        First day it can be.
        """
    @property
    def is_exact(self) -> bool:
        ...
    @property
    def latest(self) -> datetime.date:
        """
        Last day it can be.
        """
    @property
    def month(self) -> typing.Any:
        ...
    @property
    def precision(self) -> str:
        """
        'year', 'month' or 'day'.
        """
    @property
    def year(self) -> int:
        ...
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
        """
    @staticmethod
    def from_label(label: str) -> AgeBand:
        """
        The band a label means: first the table ``AgeBand.labels()`` (case and spacing ignored), then the canonical forms. Raises ParseError naming an unknown label.
        """
    @staticmethod
    def labels() -> dict:
        """
        The label table ``from_label`` uses: wording (lower case) -> canonical band.
        """
    @staticmethod
    def parse(text: str) -> AgeBand:
        """
        Parse ``0-14``, ``18+``, ``all`` or ``unknown``; raises ParseError naming the text.
        """
    @staticmethod
    def range(lower: typing.SupportsInt | typing.SupportsIndex, upper: typing.SupportsInt | typing.SupportsIndex | None = None) -> AgeBand:
        """
        Ages [lower, upper); ``upper=None`` is open-ended. Raises DomainError when upper <= lower or an age is outside 0-150.
        """
    @staticmethod
    def unknown() -> AgeBand:
        """
        Age not known.
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
        Whether every age of ``other`` lies in this band. ``all`` contains every band, ``unknown`` included; ``unknown`` contains only itself.
        """
    def contains_age(self, age: typing.SupportsInt | typing.SupportsIndex) -> bool:
        """
        Whether someone aged ``age`` (whole years) falls in the band; never for ``unknown``.
        """
    def overlaps(self, other: AgeBand) -> bool:
        """
        Whether some age can be in both bands.
        """
    @property
    def is_all(self) -> bool:
        ...
    @property
    def is_unknown(self) -> bool:
        ...
    @property
    def lower(self) -> int | None:
        """
        First age in the band; 0 for ``all``, None for ``unknown``.
        """
    @property
    def upper(self) -> int | None:
        """
        First age past the band (exclusive); None when open (``18+``, ``all``) or ``unknown``.
        """
class Quantity:
    """
    A published figure that may be censored or missing.
    
    ``Quantity("263")``, ``Quantity("<5")`` (0 <= value < 5), ``Quantity(">1000")``, ``Quantity(None)``
    (missing, which is not zero). A censored value is never turned into a number: ``value`` raises, and
    ``bounds(integer=True)`` gives what it can be (``<5`` -> (0, 4) for counts).
    """
    @staticmethod
    def above(bound: typing.SupportsFloat | typing.SupportsIndex) -> Quantity:
        """
        ``>bound``.
        """
    @staticmethod
    def below(bound: typing.SupportsFloat | typing.SupportsIndex) -> Quantity:
        """
        ``<bound``: a value in [0, bound).
        """
    @staticmethod
    def missing() -> Quantity:
        ...
    @staticmethod
    def parse(text: str) -> Quantity:
        ...
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
        ``(lower, upper)``, closed; upper may be inf.
        """
    @property
    def bound(self) -> float:
        """
        The censoring bound (NaN if not censored).
        """
    @property
    def is_censored(self) -> bool:
        ...
    @property
    def is_exact(self) -> bool:
        ...
    @property
    def is_missing(self) -> bool:
        ...
    @property
    def kind(self) -> str:
        """
        'exact', 'below' (<b), 'above' (>b) or 'missing'.
        """
    @property
    def value(self) -> float:
        """
        The value; ValidationError when censored or missing.
        """
class Observation:
    """
    One published figure; see ``Observations``.
    """
    def __reduce__(self) -> tuple:
        ...
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        ...
    def to_dict(self) -> dict:
        """
        The row as a dict of strings, as in the tidy CSV table.
        """
    @property
    def age(self) -> AgeBand:
        ...
    @property
    def area(self) -> str:
        ...
    @property
    def measure(self) -> str:
        ...
    @property
    def note(self) -> str:
        ...
    @property
    def offence(self) -> str:
        ...
    @property
    def period(self) -> Period:
        ...
    @property
    def sex(self) -> str:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def unit(self) -> str:
        ...
    @property
    def value(self) -> Quantity:
        ...
class Finding:
    """
    A problem ``Observations.check()`` found, naming the rows (0-based).
    """
    def __repr__(self) -> str:
        ...
    @property
    def dimension(self) -> str:
        ...
    @property
    def kind(self) -> str:
        """
        'exceeds_total', 'overlapping_bands', 'duplicate' or 'periods_do_not_nest'.
        """
    @property
    def message(self) -> str:
        ...
    @property
    def rows(self) -> list[int]:
        ...
class Series:
    """
    One measure over time, in time order: ``periods``, ``values`` (NaN where censored or missing),
    ``lower``/``upper`` (what each value can be), ``censored`` and ``x`` (period midpoints in decimal
    years, the x of a trend). The arrays are read-only views, not copies.
    """
    def __len__(self) -> int:
        ...
    def __reduce__(self) -> tuple:
        """
        A series keeps its measure, unit, periods and values; the filters that selected it are not kept.
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
            
        """
    def same_period_last_year(self) -> pandas.DataFrame:
        """
        Each period beside the same period a year earlier, and the percent change where both are exact.
        
            Columns: period, value, previous_period, previous_value (NaN where absent, censored or missing),
            percent_change.
            
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        One row per period: value, lower, upper, censored, x; indexed by the period text.
        """
    @property
    def censored(self) -> typing.Any:
        ...
    @property
    def lower(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def measure(self) -> str:
        ...
    @property
    def periods(self) -> list[Period]:
        ...
    @property
    def quantities(self) -> list[Quantity]:
        """
        Each value as a Quantity.
        """
    @property
    def unit(self) -> str:
        ...
    @property
    def upper(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def values(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def x(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class Observations:
    """
    A table of observations: measure, value (possibly censored), unit, period, area, offence, age band,
    sex, source and note. Dimensions are stored as categorical codes.
    
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
        Read a tidy CSV table; ParseError with line and column on bad input.
        """
    @staticmethod
    def load_csv(path: os.PathLike | str | bytes) -> Observations:
        ...
    @staticmethod
    def read_csv(path):
        """
        Read a tidy CSV table; ParseError names file, line and column.
        """
    @classmethod
    def from_pandas(cls: type, frame: pandas.DataFrame) -> Observations:
        """
        Build a table from a tidy DataFrame (all rows or none).
        
            ``measure``, ``value`` and ``period`` are required. ``value`` holds numbers, or text such as
            ``"<5"``; alternatively the ``censoring`` and ``bound`` columns written by ``to_pandas``.
            Optional: ``unit`` (default count), ``area``, ``offence`` (all), ``age`` (all), ``sex`` (all),
            ``source``, ``note``; ``period_start``/``period_end`` are ignored (``period`` holds them).
            Any other column is an error, so nothing is dropped silently. Errors name the row.
            
        """
    def __eq__(self, arg0: Observations) -> bool:
        ...
    def __getitem__(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> Observation:
        ...
    def __getstate__(self) -> tuple[int, str]:
        ...
    def __init__(self) -> None:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self):
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    def _value_columns(self) -> tuple[numpy.typing.NDArray[numpy.int8], numpy.typing.NDArray[numpy.float64]]:
        ...
    def add(self, measure: str, value: typing.Any, period: typing.Any, *, unit: str = 'count', area: str = '', offence: str = 'all', age: typing.Any = 'all', sex: str = 'all', source: str = '', note: str = '') -> None:
        """
        Append one row after validating it (a count must be a whole number >= 0; the value may be a number, '<5', '>1000' or None for missing). On error nothing is added.
        """
    def categories(self, dimension: str) -> list[str]:
        """
        The distinct values of a dimension, in order of first appearance.
        """
    def check(self) -> list[Finding]:
        """
        Consistency findings: breakdowns (age, sex, offence, sub-periods) that add up to more than their
        total (censored parts count with their least value, a censored total with its greatest), breakdowns
        into overlapping age bands, duplicate rows, and periods that overlap without nesting. Empty when
        consistent.
        """
    def codes(self, dimension: str) -> numpy.typing.NDArray[numpy.int32]:
        """
        Each row's code into ``categories(dimension)`` (a copy).
        """
    def save_csv(self, path: os.PathLike | str | bytes) -> None:
        """
        Write the tidy CSV table; atomic (temporary file, then rename).
        """
    def series(self, measure: str, *, unit: str | None = None, area: str | None = None, offence: str | None = None, age: typing.Any = None, sex: str | None = None, source: str | None = None) -> Series:
        """
        The rows of ``measure`` matching the filters, in time order. Unset offence, age and sex mean their
        totals ("all"); unset unit, area and source must be unambiguous. Raises NotFoundError when nothing
        matches and ValidationError (naming what to filter on) when ambiguous.
        """
    def to_csv(self, path: str | os.PathLike) -> None:
        """
        Write the tidy CSV table to ``path`` atomically.
        """
    def to_csv_text(self) -> str:
        """
        The tidy CSV table as text.
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        The table as a tidy DataFrame.
        
            Columns: the dimensions as categoricals (``measure``, ``unit``, ``period``, ``area``,
            ``offence``, ``age``, ``sex``, ``source``), ``value`` (float; NaN where censored or
            missing), ``censoring`` (categorical: exact, below, above, missing), ``bound`` (the censoring
            bound, else NaN), ``period_start`` and ``period_end`` (inclusive, datetime64) and ``note``.
            ``Observations.from_pandas`` reads it back unchanged.
            
        """
    @property
    def notes(self) -> list[str]:
        ...
    @property
    def quantities(self) -> list[Quantity]:
        ...
    @property
    def values(self) -> numpy.typing.NDArray[numpy.float64]:
        """
        Each row's value; NaN where censored or missing (a copy).
        """
class SourceRef:
    """
    A citation: a source id and, optionally, the quoted words.
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
    @property
    def quote(self) -> typing.Any:
        ...
    @property
    def source(self) -> str:
        ...
class Source:
    """
    A publication facts are taken from (report, article, dataset).
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
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def notes(self) -> typing.Any:
        ...
    @property
    def publisher(self) -> typing.Any:
        ...
    @property
    def title(self) -> typing.Any:
        ...
    @property
    def url(self) -> typing.Any:
        ...
class Note:
    """
    A statement about the dataset as a whole, with its sources.
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
    @property
    def sources(self) -> list[SourceRef]:
        ...
    @property
    def text(self) -> str:
        ...
class Partner:
    """
    An organisation that signs agreements (after Popolo's Organization).
    
    ``kind`` is one of government_ministry, national_committee, law_enforcement, ngo,
    international_ngo, coalition, faith_based, un_agency, other; ``country`` an ISO 3166-1 alpha-3 code.
    Raises ValidationError (naming the field) for a bad id, an empty name or a bad country code.
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
    def _repr_html_(self):
        ...
    def to_dict(self) -> typing.Any:
        """
        The partner as in a document.
        """
    @property
    def acronym(self) -> typing.Any:
        ...
    @property
    def country(self) -> typing.Any:
        ...
    @property
    def focus(self) -> list[str]:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def names(self) -> list[str]:
        """
        Every name it can be found by: id, name, acronym, other names.
        """
    @property
    def notes(self) -> typing.Any:
        ...
    @property
    def other_names(self) -> list[str]:
        ...
    @property
    def parent_id(self) -> typing.Any:
        ...
    @property
    def sources(self) -> list[SourceRef]:
        ...
    @property
    def url(self) -> typing.Any:
        ...
class Party:
    """
    A partner bound by an agreement, with its role (signatory, witness, lead, implementing, funding). A plain partner id converts to a signatory.
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
    @property
    def partner_id(self) -> str:
        ...
    @property
    def role(self) -> str:
        ...
class Signatory:
    """
    A person who signed, as the source names them.
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
    @property
    def name(self) -> str:
        ...
    @property
    def partner_id(self) -> typing.Any:
        ...
    @property
    def title(self) -> typing.Any:
        ...
class StatusChange:
    """
    A dated change of status: 'suspended', 'resumed' or 'terminated'.
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
    @property
    def date(self) -> PartialDate:
        ...
    @property
    def note(self) -> typing.Any:
        ...
    @property
    def status(self) -> str:
        ...
class Agreement:
    """
    A memorandum of understanding or other agreement between partners (after OCDS contracts).
    
    Dates may be partial (``"2019"``, ``"2019-08"``, ``"2019-08-01"``, a ``datetime.date`` or a
    ``PartialDate``). The term runs from ``start`` (or, when absent, the signing date) to ``end`` (or
    ``start + term_months - 1 day``: a three-year MoU from 2019-08-01 ends 2022-07-31). A status is only
    claimed when it holds for every day the partial dates allow; otherwise it is ``'unknown'``.
    Raises ValidationError naming the field for an end before the start, a term that disagrees with the
    end, a non-positive term or a party listed twice.
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
    def _repr_html_(self):
        ...
    def has_party(self, partner_id: str) -> bool:
        ...
    def status_on(self, date: datetime.date) -> str:
        """
        'pending', 'active', 'expired', 'terminated', 'suspended' or 'unknown' on ``date``.
        """
    def to_dict(self) -> typing.Any:
        """
        The agreement as in a document.
        """
    @property
    def end(self) -> PartialDate | None:
        """
        PartialDate or None.
        """
    @property
    def end_bounds(self) -> tuple | None:
        """
        (earliest, latest) last day of the term; None if unknown.
        """
    @property
    def id(self) -> str:
        ...
    @property
    def is_renewal(self) -> bool:
        ...
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
        ...
    @property
    def notes(self) -> typing.Any:
        ...
    @property
    def parties(self) -> list[Party]:
        ...
    @property
    def party_ids(self) -> list[str]:
        ...
    @property
    def renewal_count(self) -> int:
        """
        Renewals up to and including this agreement in its chain: 0 for an original agreement, 2 for the
        second renewal. A renewal whose predecessor is not in the dataset counts as one, so this is a lower
        bound when the early history is missing. Outside a dataset: 1 for a renewal, else 0.
        """
    @property
    def renews(self) -> typing.Any:
        ...
    @property
    def scope(self) -> list[str]:
        ...
    @property
    def signatories(self) -> list[Signatory]:
        ...
    @property
    def signed(self) -> PartialDate | None:
        """
        PartialDate or None.
        """
    @property
    def sources(self) -> list[SourceRef]:
        ...
    @property
    def start(self) -> PartialDate | None:
        """
        PartialDate or None.
        """
    @property
    def start_bounds(self) -> tuple | None:
        """
        (earliest, latest) first day in force: start, else the signing date; None if unknown.
        """
    @property
    def status_changes(self) -> list[StatusChange]:
        ...
    @property
    def term_months(self) -> int | None:
        ...
    @property
    def title(self) -> typing.Any:
        ...
class Transition:
    """
    Two consecutive agreements of a partnership. ``gap_days``: days between the last day of the first
    and the first day of the second, both excluded (0: back to back; negative: overlap); None when a date
    is not known to the day.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Transition) -> bool:
        ...
    def __getstate__(self) -> tuple[str, str, int | None]:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def from_id(self) -> str:
        ...
    @property
    def gap_days(self) -> int | None:
        ...
    @property
    def overlap_days(self) -> int | None:
        ...
    @property
    def to_id(self) -> str:
        ...
class Continuity:
    """
    The agreements between two partners in time order, with the transitions between consecutive ones.
    """
    def __getstate__(self) -> tuple[str, str, list[str], list[Transition]]:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self):
        ...
    @property
    def agreement_ids(self) -> list[str]:
        ...
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
        ...
    @property
    def transitions(self) -> list[Transition]:
        ...
class Coverage:
    """
    Days of a window covered by some agreement between two partners: ``certain_days`` under every reading
    of the known dates, ``possible_days`` under at least one (an unknown end may run to the window's end).
    Suspensions are not removed.
    """
    def __getstate__(self) -> tuple[Period, int, int]:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self):
        ...
    @property
    def certain_days(self) -> int:
        ...
    @property
    def possible_days(self) -> int:
        ...
    @property
    def window(self) -> Period:
        ...
    @property
    def window_days(self) -> int:
        ...
class SourceRegistry:
    """
    The sources of a dataset (read-only).
    """
    def __contains__(self, id: str) -> bool:
        ...
    def __getitem__(self, id: str) -> Source:
        ...
    def __iter__(self) -> collections.abc.Iterator[Source]:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        ...
    def get(self, id: str) -> Source:
        """
        The source with this exact id; raises NotFoundError (a KeyError).
        """
    @property
    def ids(self) -> list[str]:
        """
        The ids in the order given.
        """
class PartnerRegistry:
    """
    The partners of a dataset (read-only): unique ids, known parents, lookup by any name.
    ``registry["aple"]`` takes an exact id; ``registry.find("Action Pour Les Enfants")`` also takes an
    acronym or any name, ignoring case, Latin diacritics and extra spaces (see ``tipstats.fold_name``).
    """
    def __contains__(self, id: str) -> bool:
        ...
    def __getitem__(self, id: str) -> Partner:
        ...
    def __iter__(self) -> collections.abc.Iterator[Partner]:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        ...
    def find(self, key: str) -> Partner:
        """
        The partner known by ``key`` (id, acronym or name). Raises NotFoundError when none, DomainError when several share that name.
        """
    def find_all(self, key: str) -> list[Partner]:
        """
        Every partner known by ``key``.
        """
    def get(self, id: str) -> Partner:
        """
        The partner with this exact id; raises NotFoundError (a KeyError).
        """
    def parent_chain(self, id: str) -> list[Partner]:
        """
        The partner, its parent, its parent's parent... (e.g. a national committee, then its ministry).
        """
    def to_pandas(self):
        """
        One row per partner, indexed by id; list fields joined with "; ".
        """
    @property
    def ids(self) -> list[str]:
        """
        The ids in the order given.
        """
class AgreementRegistry:
    """
    The agreements of a dataset (read-only), checked against its partners. Partners can be named by id,
    acronym or any name wherever a partner is asked for.
    """
    def __contains__(self, id: str) -> bool:
        ...
    def __getitem__(self, id: str) -> Agreement:
        ...
    def __iter__(self) -> collections.abc.Iterator[Agreement]:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        ...
    def active_on(self, date: datetime.date) -> list[Agreement]:
        """
        Agreements certainly in force on ``date`` (status 'active').
        """
    def between(self, first: str, second: str) -> list[Agreement]:
        """
        Agreements both partners are party to.
        """
    def chain(self, id: str) -> list[Agreement]:
        """
        The renewal chain the agreement belongs to, oldest first.
        """
    def continuity(self, first: str, second: str) -> Continuity:
        """
        The partnership's agreements ordered by start, with gaps and overlaps between consecutive terms.
        """
    def coverage(self, first: str, second: str, window: typing.Any) -> Coverage:
        """
        Days of ``window`` (a Period or its text, e.g. '2019' or '2019-01-01/2021-06-30') covered by an agreement between the two partners.
        """
    def get(self, id: str) -> Agreement:
        """
        The agreement with this exact id; raises NotFoundError (a KeyError).
        """
    def involving(self, partner: str) -> list[Agreement]:
        """
        Agreements a partner is party to.
        """
    def renewal_count(self, id: str) -> int:
        """
        See Agreement.renewal_count.
        """
    def renewed_by(self, id: str) -> str | None:
        """
        Id of the agreement renewing this one, or None.
        """
    def status_on(self, date: datetime.date) -> dict:
        """
        {agreement id: status} on ``date``.
        """
    def to_pandas(self, on = None):
        """
        One row per agreement, indexed by id, with its term as date ranges and, if ``on`` is given
            (a ``datetime.date``), its status on that day. Partial dates stay text ("2019").
        """
    def with_status(self, status: str, date: datetime.date) -> list[Agreement]:
        """
        Agreements whose status on ``date`` is ``status``.
        """
    @property
    def ids(self) -> list[str]:
        """
        The ids in the order given.
        """
class Dataset:
    """
    Partners, agreements and the sources they cite, checked as a whole: a Dataset is complete and
    consistent or not built at all (ValidationError naming the field, e.g.
    ``agreements[2].parties[0].partner_id``). Saved and loaded as a versioned JSON document
    (``{"tipstats": 1, ...}``); errors in a file name its line and column.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str) -> Dataset:
        """
        Parse a dataset document. Raises ParseError or ValidationError with line, column and field.
        
        
        Warns (ConsistencyWarning) when ``observations.check()`` finds problems.
        """
    @staticmethod
    def load(path: typing.Any) -> Dataset:
        """
        Read a dataset document (UTF-8). Errors name the file, line, column and field.
        
        
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
    def _repr_html_(self):
        ...
    def add_agreement(self, agreement: Agreement) -> None:
        """
        Adds an agreement after checking the whole dataset with it; changes nothing if that fails.
        """
    def add_note(self, note: Note) -> None:
        ...
    def add_observation(self, measure, value, period, **fields):
        """
        Add one observation (as ``Observations.add``); it must cite a known source, if any.
        """
    def add_observations(self, rows: Observations) -> None:
        """
        Adds every row of an Observations table, or none: rows are checked and must cite known sources.
        """
    def add_partner(self, partner: Partner) -> None:
        """
        Adds a partner after checking the whole dataset with it; changes nothing if that fails.
        """
    def add_source(self, source: Source) -> None:
        ...
    def save(self, path: typing.Any) -> None:
        """
        Write the dataset as a JSON document (UTF-8), atomically: a temporary file beside it is renamed over the old one, so an interrupted save leaves the old file intact.
        """
    def series(self, measure, **filters):
        """
        One measure over time, as ``Observations.series``: ``ds.series("victims_rescued",
            offence="sexual_assault", age="0-14")``. Unset offence, age and sex mean their totals.
        """
    def to_dict(self) -> typing.Any:
        ...
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The dataset as a JSON document.
        """
    @property
    def agreements(self) -> AgreementRegistry:
        """
        The agreements (a read-only snapshot): ``active_on``, ``between``, ``chain``, ``continuity``, ...
        """
    @property
    def notes(self) -> list[Note]:
        ...
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
        ...
def fold_name(name: str) -> str:
    """
    The key names are matched by: ASCII and Latin-1 / Latin Extended-A letters lose case and
    diacritics (``"Lés ÉNFANTS"`` -> ``"les enfants"``; æ -> ae, ß -> ss, œ -> oe), runs of white space
    become one space and the ends are trimmed. Other scripts (Khmer, ...) are kept exactly.
    """
def parse_date(text: str) -> datetime.date:
    """
    Parse an ISO 8601 calendar date ``YYYY-MM-DD`` into a ``datetime.date``.
    
    Raises ParseError for other forms and impossible dates such as 2019-02-30.
    """
def tabulate_codes(columns: collections.abc.Sequence[tuple[str, numpy.ndarray, typing.SupportsInt | typing.SupportsIndex | None]], threads: typing.SupportsInt | typing.SupportsIndex = 0) -> tuple[list, numpy.typing.NDArray[numpy.int64]]:
    """
    Count rows per combination of codes. ``columns``: a list of (name, 1-D contiguous integer array, missing code or None). Returns (list of int64 code arrays, int64 counts), sorted by the codes, missing last. Use ``tipstats.tabulate``.
    """
__version__: str = '0.1.0'
