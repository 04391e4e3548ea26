from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

ANSWER_VIEW_BASIC: AnswerView
ANSWER_VIEW_FULL: AnswerView
ANSWER_VIEW_UNSPECIFIED: AnswerView
CERTAINTY_CERTAIN: Certainty
CERTAINTY_ONE_READING: Certainty
CERTAINTY_UNSPECIFIED: Certainty
DESCRIPTOR: _descriptor.FileDescriptor
EVIDENCE_KIND_DOMAIN: EvidenceKind
EVIDENCE_KIND_PLAN: EvidenceKind
EVIDENCE_KIND_SOURCE: EvidenceKind
EVIDENCE_KIND_UNSPECIFIED: EvidenceKind
FACT_GRAIN_CHAIN: FactGrain
FACT_GRAIN_LINK: FactGrain
FACT_GRAIN_UNSPECIFIED: FactGrain
FACT_PICTURE_BOTH: FactPicture
FACT_PICTURE_EXISTING: FactPicture
FACT_PICTURE_PLANNED: FactPicture
FACT_PICTURE_UNSPECIFIED: FactPicture
FACT_STATUS_EXISTING: FactStatus
FACT_STATUS_PLANNED: FactStatus
FACT_STATUS_UNSPECIFIED: FactStatus
REGION_LEVEL_COUNTY: RegionLevel
REGION_LEVEL_PREFECTURE: RegionLevel
REGION_LEVEL_PROVINCE: RegionLevel
REGION_LEVEL_UNSPECIFIED: RegionLevel
STAGE_DOWNSTREAM: Stage
STAGE_MIDSTREAM: Stage
STAGE_UNSPECIFIED: Stage
STAGE_UPSTREAM: Stage

class Attribute(_message.Message):
    __slots__ = ["name", "value"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: str
    def __init__(self, name: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...

class Belt(_message.Message):
    __slots__ = ["aliases", "chains", "evidence", "id", "kind", "name"]
    ALIASES_FIELD_NUMBER: _ClassVar[int]
    CHAINS_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    aliases: _containers.RepeatedScalarFieldContainer[str]
    chains: _containers.RepeatedCompositeFieldContainer[ChainRef]
    evidence: Evidence
    id: str
    kind: str
    name: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., chains: _Optional[_Iterable[_Union[ChainRef, _Mapping]]] = ..., aliases: _Optional[_Iterable[str]] = ..., evidence: _Optional[_Union[Evidence, _Mapping]] = ...) -> None: ...

class BeltMember(_message.Message):
    __slots__ = ["alternatives", "evidence", "region"]
    ALTERNATIVES_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    alternatives: _containers.RepeatedCompositeFieldContainer[RegionRef]
    evidence: Evidence
    region: RegionRef
    def __init__(self, region: _Optional[_Union[RegionRef, _Mapping]] = ..., alternatives: _Optional[_Iterable[_Union[RegionRef, _Mapping]]] = ..., evidence: _Optional[_Union[Evidence, _Mapping]] = ...) -> None: ...

class Chain(_message.Message):
    __slots__ = ["aliases", "category", "evidence", "id", "name"]
    ALIASES_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    aliases: _containers.RepeatedScalarFieldContainer[str]
    category: str
    evidence: Evidence
    id: str
    name: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., category: _Optional[str] = ..., evidence: _Optional[_Union[Evidence, _Mapping]] = ..., aliases: _Optional[_Iterable[str]] = ...) -> None: ...

class ChainFact(_message.Message):
    __slots__ = ["alternatives", "certainty", "chain_id", "evidence", "holder", "holder_kind", "id", "programme", "region_id", "status", "year"]
    ALTERNATIVES_FIELD_NUMBER: _ClassVar[int]
    CERTAINTY_FIELD_NUMBER: _ClassVar[int]
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    HOLDER_KIND_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    PROGRAMME_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    alternatives: _containers.RepeatedScalarFieldContainer[str]
    certainty: Certainty
    chain_id: str
    evidence: Evidence
    holder: str
    holder_kind: str
    id: str
    programme: str
    region_id: str
    status: FactStatus
    year: int
    def __init__(self, id: _Optional[str] = ..., region_id: _Optional[str] = ..., chain_id: _Optional[str] = ..., status: _Optional[_Union[FactStatus, str]] = ..., certainty: _Optional[_Union[Certainty, str]] = ..., alternatives: _Optional[_Iterable[str]] = ..., evidence: _Optional[_Union[Evidence, _Mapping]] = ..., holder: _Optional[str] = ..., holder_kind: _Optional[str] = ..., programme: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class ChainRef(_message.Message):
    __slots__ = ["id", "name"]
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class Dictionary(_message.Message):
    __slots__ = ["links", "regions"]
    LINKS_FIELD_NUMBER: _ClassVar[int]
    REGIONS_FIELD_NUMBER: _ClassVar[int]
    links: _containers.RepeatedCompositeFieldContainer[LinkRef]
    regions: _containers.RepeatedCompositeFieldContainer[RegionRef]
    def __init__(self, regions: _Optional[_Iterable[_Union[RegionRef, _Mapping]]] = ..., links: _Optional[_Iterable[_Union[LinkRef, _Mapping]]] = ...) -> None: ...

class Evidence(_message.Message):
    __slots__ = ["kind", "origin", "quote", "quote_simplified", "reason", "section", "source"]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    QUOTE_SIMPLIFIED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SECTION_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    kind: EvidenceKind
    origin: str
    quote: str
    quote_simplified: str
    reason: str
    section: str
    source: str
    def __init__(self, kind: _Optional[_Union[EvidenceKind, str]] = ..., quote: _Optional[str] = ..., section: _Optional[str] = ..., source: _Optional[str] = ..., reason: _Optional[str] = ..., origin: _Optional[str] = ..., quote_simplified: _Optional[str] = ...) -> None: ...

class FactFilter(_message.Message):
    __slots__ = ["as_of", "certain_only", "evidence_kind", "picture", "programme"]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    CERTAIN_ONLY_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_KIND_FIELD_NUMBER: _ClassVar[int]
    PICTURE_FIELD_NUMBER: _ClassVar[int]
    PROGRAMME_FIELD_NUMBER: _ClassVar[int]
    as_of: int
    certain_only: bool
    evidence_kind: EvidenceKind
    picture: FactPicture
    programme: str
    def __init__(self, picture: _Optional[_Union[FactPicture, str]] = ..., certain_only: bool = ..., evidence_kind: _Optional[_Union[EvidenceKind, str]] = ..., programme: _Optional[str] = ..., as_of: _Optional[int] = ...) -> None: ...

class Feed(_message.Message):
    __slots__ = ["evidence", "to"]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    evidence: Evidence
    to: LinkRef
    def __init__(self, to: _Optional[_Union[LinkRef, _Mapping]] = ..., evidence: _Optional[_Union[Evidence, _Mapping]] = ..., **kwargs) -> None: ...

class Link(_message.Message):
    __slots__ = ["aliases", "chain_id", "evidence", "id", "name", "segments", "stage"]
    ALIASES_FIELD_NUMBER: _ClassVar[int]
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SEGMENTS_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    aliases: _containers.RepeatedScalarFieldContainer[str]
    chain_id: str
    evidence: Evidence
    id: str
    name: str
    segments: _containers.RepeatedScalarFieldContainer[str]
    stage: Stage
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., chain_id: _Optional[str] = ..., stage: _Optional[_Union[Stage, str]] = ..., segments: _Optional[_Iterable[str]] = ..., aliases: _Optional[_Iterable[str]] = ..., evidence: _Optional[_Union[Evidence, _Mapping]] = ...) -> None: ...

class LinkRef(_message.Message):
    __slots__ = ["chain_id", "id", "name", "stage"]
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    chain_id: str
    id: str
    name: str
    stage: Stage
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., chain_id: _Optional[str] = ..., stage: _Optional[_Union[Stage, str]] = ...) -> None: ...

class Listing(_message.Message):
    __slots__ = ["evidence", "name", "programme", "year"]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PROGRAMME_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    evidence: Evidence
    name: str
    programme: str
    year: int
    def __init__(self, name: _Optional[str] = ..., programme: _Optional[str] = ..., year: _Optional[int] = ..., evidence: _Optional[_Union[Evidence, _Mapping]] = ...) -> None: ...

class PlanTarget(_message.Message):
    __slots__ = ["comparator", "evidence", "id", "indicator", "scope", "unit", "value", "year"]
    COMPARATOR_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    comparator: str
    evidence: Evidence
    id: str
    indicator: str
    scope: RegionRef
    unit: str
    value: float
    year: int
    def __init__(self, id: _Optional[str] = ..., indicator: _Optional[str] = ..., value: _Optional[float] = ..., unit: _Optional[str] = ..., year: _Optional[int] = ..., comparator: _Optional[str] = ..., scope: _Optional[_Union[RegionRef, _Mapping]] = ..., evidence: _Optional[_Union[Evidence, _Mapping]] = ...) -> None: ...

class Presence(_message.Message):
    __slots__ = ["also_listed", "alternatives", "attributes", "certainty", "evidence", "holder", "holder_kind", "id", "link", "link_id", "programme", "region", "region_id", "status", "strength", "year"]
    ALSO_LISTED_FIELD_NUMBER: _ClassVar[int]
    ALTERNATIVES_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    CERTAINTY_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    HOLDER_KIND_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    LINK_ID_FIELD_NUMBER: _ClassVar[int]
    PROGRAMME_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STRENGTH_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    also_listed: _containers.RepeatedCompositeFieldContainer[Listing]
    alternatives: _containers.RepeatedScalarFieldContainer[str]
    attributes: _containers.RepeatedCompositeFieldContainer[Attribute]
    certainty: Certainty
    evidence: Evidence
    holder: str
    holder_kind: str
    id: str
    link: LinkRef
    link_id: str
    programme: str
    region: RegionRef
    region_id: str
    status: FactStatus
    strength: float
    year: int
    def __init__(self, id: _Optional[str] = ..., region: _Optional[_Union[RegionRef, _Mapping]] = ..., link: _Optional[_Union[LinkRef, _Mapping]] = ..., strength: _Optional[float] = ..., evidence: _Optional[_Union[Evidence, _Mapping]] = ..., holder: _Optional[str] = ..., holder_kind: _Optional[str] = ..., programme: _Optional[str] = ..., year: _Optional[int] = ..., region_id: _Optional[str] = ..., link_id: _Optional[str] = ..., status: _Optional[_Union[FactStatus, str]] = ..., certainty: _Optional[_Union[Certainty, str]] = ..., alternatives: _Optional[_Iterable[str]] = ..., also_listed: _Optional[_Iterable[_Union[Listing, _Mapping]]] = ..., attributes: _Optional[_Iterable[_Union[Attribute, _Mapping]]] = ...) -> None: ...

class Region(_message.Message):
    __slots__ = ["code", "evidence", "has_centroid", "id", "kind", "latitude", "level", "longitude", "name", "parent_id"]
    CODE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    HAS_CENTROID_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LATITUDE_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    LONGITUDE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_ID_FIELD_NUMBER: _ClassVar[int]
    code: str
    evidence: Evidence
    has_centroid: bool
    id: str
    kind: str
    latitude: float
    level: RegionLevel
    longitude: float
    name: str
    parent_id: str
    def __init__(self, id: _Optional[str] = ..., code: _Optional[str] = ..., name: _Optional[str] = ..., level: _Optional[_Union[RegionLevel, str]] = ..., parent_id: _Optional[str] = ..., kind: _Optional[str] = ..., longitude: _Optional[float] = ..., latitude: _Optional[float] = ..., has_centroid: bool = ..., evidence: _Optional[_Union[Evidence, _Mapping]] = ...) -> None: ...

class RegionRef(_message.Message):
    __slots__ = ["code", "id", "level", "name"]
    CODE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    code: str
    id: str
    level: RegionLevel
    name: str
    def __init__(self, id: _Optional[str] = ..., code: _Optional[str] = ..., name: _Optional[str] = ..., level: _Optional[_Union[RegionLevel, str]] = ...) -> None: ...

class RegionLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class Stage(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class EvidenceKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class FactPicture(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class FactGrain(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class FactStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class Certainty(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class AnswerView(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
