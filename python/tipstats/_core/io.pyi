"""
Importers for published data (compiled part).
"""
from __future__ import annotations
import collections.abc
import os
import typing
__all__: list[str] = ['glotip_terms', 'load_glotip', 'parse_csv', 'parse_csv_columns', 'read_glotip_cells', 'read_glotip_text']
def load_glotip(path: os.PathLike | str | bytes, collect: bool = False) -> tuple:
    """
    A UNODC GLOTIP CSV export -> (Observations, rows set aside as (line, column, field, reason)).
    """
def parse_csv(text: str, file: str = '', delimiter: str = ',') -> tuple[list[str], list[list[str]], list[int]]:
    """
    RFC 4180 CSV -> (header, rows, 1-based line of each row); ParseError names file, line, column.
    """
def parse_csv_columns(text: str, file: str = '', delimiter: str = ',') -> tuple:
    """
    The same by column: (header, distinct texts of each column in order of first appearance, int32 codes into them of shape (columns, rows), 1-based line of each row).
    """
def read_glotip_cells(cells: collections.abc.Sequence[collections.abc.Sequence[str]], lines: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], file: str = '', collect: bool = False) -> tuple:
    """
    The same, from a sheet's rows of cells as text and their sheet row numbers.
    """
def read_glotip_text(text: str, file: str = '', collect: bool = False) -> tuple:
    """
    The same, from text; `file` names it in errors.
    """
glotip_terms: dict = {'Indicator': {'Detected trafficking victims': 'victims_detected', 'Persons brought into formal contact': 'persons_in_formal_contact', 'Persons brought into formal contact with the police and/or criminal justice system': 'persons_in_formal_contact', 'Persons prosecuted': 'persons_prosecuted', 'Persons convicted': 'persons_convicted', 'Offences of trafficking in persons': 'offences'}, 'Dimension': {'Total': 'offence', 'by form of exploitation': 'offence', 'by age group': 'age', 'by age': 'age', 'by sex': 'sex', 'by citizenship': 'citizenship', 'by area of citizenship': 'area_of_citizenship', 'by country of repatriation': 'country_of_repatriation'}, 'Category': {'Total': 'all', 'Sexual exploitation': 'sexual_exploitation', 'Forced labour': 'forced_labour', 'Forced labor': 'forced_labour', 'Other purposes': 'other_exploitation', 'Other forms of exploitation': 'other_exploitation', 'Removal of organs': 'organ_removal', 'Forced marriage': 'forced_marriage', 'Forced criminal activity': 'forced_criminal_activity', 'Begging': 'begging'}, 'Unit of measurement': {'Counts': 'count', 'Count': 'count', 'Rate per 100,000 population': 'per_100000', 'Percentage': 'percent'}, 'Age': {'0 to 17 years': '0-17', '18 years or over': '18+'}}
