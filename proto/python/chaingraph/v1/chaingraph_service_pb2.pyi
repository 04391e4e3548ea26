from chaingraph.v1 import resources_pb2 as _resources_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
GAP_CHANGE_HEALED: GapChange
GAP_CHANGE_NEW: GapChange
GAP_CHANGE_PERSISTS: GapChange
GAP_CHANGE_UNSPECIFIED: GapChange
LINK_STATUS_CHAIN_HOLDER: LinkStatus
LINK_STATUS_HAS: LinkStatus
LINK_STATUS_LACKS: LinkStatus
LINK_STATUS_NO_DEMAND: LinkStatus
LINK_STATUS_UNSPECIFIED: LinkStatus
LOCATION_QUOTIENT_STATUS_MEANINGFUL: LocationQuotientStatus
LOCATION_QUOTIENT_STATUS_NO_DATA: LocationQuotientStatus
LOCATION_QUOTIENT_STATUS_TOO_FEW_FIRMS: LocationQuotientStatus
LOCATION_QUOTIENT_STATUS_UNSPECIFIED: LocationQuotientStatus

class BeltRef(_message.Message):
    __slots__ = ["id", "name"]
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class ChainProfile(_message.Message):
    __slots__ = ["chain", "chain_facts", "completeness", "has_location_quotient", "link_count", "location_quotient", "location_quotient_expected_firms", "location_quotient_firms", "location_quotient_status", "missing_upstream", "present"]
    CHAIN_FACTS_FIELD_NUMBER: _ClassVar[int]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    COMPLETENESS_FIELD_NUMBER: _ClassVar[int]
    HAS_LOCATION_QUOTIENT_FIELD_NUMBER: _ClassVar[int]
    LINK_COUNT_FIELD_NUMBER: _ClassVar[int]
    LOCATION_QUOTIENT_EXPECTED_FIRMS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_QUOTIENT_FIELD_NUMBER: _ClassVar[int]
    LOCATION_QUOTIENT_FIRMS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_QUOTIENT_STATUS_FIELD_NUMBER: _ClassVar[int]
    MISSING_UPSTREAM_FIELD_NUMBER: _ClassVar[int]
    PRESENT_FIELD_NUMBER: _ClassVar[int]
    chain: _resources_pb2.ChainRef
    chain_facts: _containers.RepeatedCompositeFieldContainer[_resources_pb2.ChainFact]
    completeness: float
    has_location_quotient: bool
    link_count: int
    location_quotient: float
    location_quotient_expected_firms: float
    location_quotient_firms: int
    location_quotient_status: LocationQuotientStatus
    missing_upstream: _containers.RepeatedCompositeFieldContainer[_resources_pb2.LinkRef]
    present: _containers.RepeatedCompositeFieldContainer[PresentLink]
    def __init__(self, chain: _Optional[_Union[_resources_pb2.ChainRef, _Mapping]] = ..., present: _Optional[_Iterable[_Union[PresentLink, _Mapping]]] = ..., missing_upstream: _Optional[_Iterable[_Union[_resources_pb2.LinkRef, _Mapping]]] = ..., completeness: _Optional[float] = ..., link_count: _Optional[int] = ..., location_quotient: _Optional[float] = ..., has_location_quotient: bool = ..., location_quotient_status: _Optional[_Union[LocationQuotientStatus, str]] = ..., location_quotient_firms: _Optional[int] = ..., location_quotient_expected_firms: _Optional[float] = ..., chain_facts: _Optional[_Iterable[_Union[_resources_pb2.ChainFact, _Mapping]]] = ...) -> None: ...

class ClusterCount(_message.Message):
    __slots__ = ["count", "evidence", "named_in_data", "programme", "year"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    NAMED_IN_DATA_FIELD_NUMBER: _ClassVar[int]
    PROGRAMME_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    count: int
    evidence: _resources_pb2.Evidence
    named_in_data: int
    programme: str
    year: int
    def __init__(self, programme: _Optional[str] = ..., year: _Optional[int] = ..., count: _Optional[int] = ..., named_in_data: _Optional[int] = ..., evidence: _Optional[_Union[_resources_pb2.Evidence, _Mapping]] = ...) -> None: ...

class CompareLackingRegionsRequest(_message.Message):
    __slots__ = ["chain", "facts", "from_year", "level", "link", "max_depth", "max_presences", "page_size", "page_token", "scope", "to_year"]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    FACTS_FIELD_NUMBER: _ClassVar[int]
    FROM_YEAR_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    MAX_DEPTH_FIELD_NUMBER: _ClassVar[int]
    MAX_PRESENCES_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    TO_YEAR_FIELD_NUMBER: _ClassVar[int]
    chain: str
    facts: _resources_pb2.FactFilter
    from_year: int
    level: _resources_pb2.RegionLevel
    link: str
    max_depth: int
    max_presences: int
    page_size: int
    page_token: str
    scope: str
    to_year: int
    def __init__(self, chain: _Optional[str] = ..., link: _Optional[str] = ..., scope: _Optional[str] = ..., level: _Optional[_Union[_resources_pb2.RegionLevel, str]] = ..., max_depth: _Optional[int] = ..., from_year: _Optional[int] = ..., to_year: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., max_presences: _Optional[int] = ..., facts: _Optional[_Union[_resources_pb2.FactFilter, _Mapping]] = ...) -> None: ...

class CompareLackingRegionsResponse(_message.Message):
    __slots__ = ["belt", "chain", "changes", "dictionary", "evidence_truncated", "from_year", "healed_count", "level", "link", "new_count", "next_page_token", "persisting_count", "scope", "to_year", "total_size"]
    BELT_FIELD_NUMBER: _ClassVar[int]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    DICTIONARY_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    FROM_YEAR_FIELD_NUMBER: _ClassVar[int]
    HEALED_COUNT_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    NEW_COUNT_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PERSISTING_COUNT_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    TO_YEAR_FIELD_NUMBER: _ClassVar[int]
    belt: BeltRef
    chain: _resources_pb2.ChainRef
    changes: _containers.RepeatedCompositeFieldContainer[LackingChange]
    dictionary: _resources_pb2.Dictionary
    evidence_truncated: bool
    from_year: int
    healed_count: int
    level: _resources_pb2.RegionLevel
    link: _resources_pb2.LinkRef
    new_count: int
    next_page_token: str
    persisting_count: int
    scope: _resources_pb2.RegionRef
    to_year: int
    total_size: int
    def __init__(self, changes: _Optional[_Iterable[_Union[LackingChange, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., link: _Optional[_Union[_resources_pb2.LinkRef, _Mapping]] = ..., chain: _Optional[_Union[_resources_pb2.ChainRef, _Mapping]] = ..., scope: _Optional[_Union[_resources_pb2.RegionRef, _Mapping]] = ..., belt: _Optional[_Union[BeltRef, _Mapping]] = ..., level: _Optional[_Union[_resources_pb2.RegionLevel, str]] = ..., from_year: _Optional[int] = ..., to_year: _Optional[int] = ..., total_size: _Optional[int] = ..., healed_count: _Optional[int] = ..., new_count: _Optional[int] = ..., persisting_count: _Optional[int] = ..., dictionary: _Optional[_Union[_resources_pb2.Dictionary, _Mapping]] = ..., evidence_truncated: bool = ...) -> None: ...

class CoverageCell(_message.Message):
    __slots__ = ["certain_presence_count", "link_id", "presence_count", "presence_ids", "present", "strength"]
    CERTAIN_PRESENCE_COUNT_FIELD_NUMBER: _ClassVar[int]
    LINK_ID_FIELD_NUMBER: _ClassVar[int]
    PRESENCE_COUNT_FIELD_NUMBER: _ClassVar[int]
    PRESENCE_IDS_FIELD_NUMBER: _ClassVar[int]
    PRESENT_FIELD_NUMBER: _ClassVar[int]
    STRENGTH_FIELD_NUMBER: _ClassVar[int]
    certain_presence_count: int
    link_id: str
    presence_count: int
    presence_ids: _containers.RepeatedScalarFieldContainer[str]
    present: bool
    strength: float
    def __init__(self, link_id: _Optional[str] = ..., present: bool = ..., strength: _Optional[float] = ..., presence_ids: _Optional[_Iterable[str]] = ..., presence_count: _Optional[int] = ..., certain_presence_count: _Optional[int] = ...) -> None: ...

class CoverageRow(_message.Message):
    __slots__ = ["cells", "has_location_quotient", "location_quotient", "location_quotient_expected_firms", "location_quotient_firms", "location_quotient_status", "region"]
    CELLS_FIELD_NUMBER: _ClassVar[int]
    HAS_LOCATION_QUOTIENT_FIELD_NUMBER: _ClassVar[int]
    LOCATION_QUOTIENT_EXPECTED_FIRMS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_QUOTIENT_FIELD_NUMBER: _ClassVar[int]
    LOCATION_QUOTIENT_FIRMS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_QUOTIENT_STATUS_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    cells: _containers.RepeatedCompositeFieldContainer[CoverageCell]
    has_location_quotient: bool
    location_quotient: float
    location_quotient_expected_firms: float
    location_quotient_firms: int
    location_quotient_status: LocationQuotientStatus
    region: _resources_pb2.RegionRef
    def __init__(self, region: _Optional[_Union[_resources_pb2.RegionRef, _Mapping]] = ..., cells: _Optional[_Iterable[_Union[CoverageCell, _Mapping]]] = ..., location_quotient: _Optional[float] = ..., has_location_quotient: bool = ..., location_quotient_status: _Optional[_Union[LocationQuotientStatus, str]] = ..., location_quotient_firms: _Optional[int] = ..., location_quotient_expected_firms: _Optional[float] = ...) -> None: ...

class Demand(_message.Message):
    __slots__ = ["certain_presence_count", "downstream", "path", "path_link_ids", "presence_count", "presences"]
    CERTAIN_PRESENCE_COUNT_FIELD_NUMBER: _ClassVar[int]
    DOWNSTREAM_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    PATH_LINK_IDS_FIELD_NUMBER: _ClassVar[int]
    PRESENCES_FIELD_NUMBER: _ClassVar[int]
    PRESENCE_COUNT_FIELD_NUMBER: _ClassVar[int]
    certain_presence_count: int
    downstream: _resources_pb2.LinkRef
    path: _containers.RepeatedCompositeFieldContainer[_resources_pb2.LinkRef]
    path_link_ids: _containers.RepeatedScalarFieldContainer[str]
    presence_count: int
    presences: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Presence]
    def __init__(self, downstream: _Optional[_Union[_resources_pb2.LinkRef, _Mapping]] = ..., path: _Optional[_Iterable[_Union[_resources_pb2.LinkRef, _Mapping]]] = ..., presences: _Optional[_Iterable[_Union[_resources_pb2.Presence, _Mapping]]] = ..., presence_count: _Optional[int] = ..., path_link_ids: _Optional[_Iterable[str]] = ..., certain_presence_count: _Optional[int] = ...) -> None: ...

class Extension(_message.Message):
    __slots__ = ["density", "link", "neighbour_count", "present_neighbour_count", "present_neighbours"]
    DENSITY_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    NEIGHBOUR_COUNT_FIELD_NUMBER: _ClassVar[int]
    PRESENT_NEIGHBOURS_FIELD_NUMBER: _ClassVar[int]
    PRESENT_NEIGHBOUR_COUNT_FIELD_NUMBER: _ClassVar[int]
    density: float
    link: _resources_pb2.LinkRef
    neighbour_count: int
    present_neighbour_count: int
    present_neighbours: _containers.RepeatedCompositeFieldContainer[NearLink]
    def __init__(self, link: _Optional[_Union[_resources_pb2.LinkRef, _Mapping]] = ..., density: _Optional[float] = ..., neighbour_count: _Optional[int] = ..., present_neighbours: _Optional[_Iterable[_Union[NearLink, _Mapping]]] = ..., present_neighbour_count: _Optional[int] = ...) -> None: ...

class FindExtensionsRequest(_message.Message):
    __slots__ = ["chain", "facts", "max_presences", "page_size", "page_token", "scope", "view"]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    FACTS_FIELD_NUMBER: _ClassVar[int]
    MAX_PRESENCES_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    chain: str
    facts: _resources_pb2.FactFilter
    max_presences: int
    page_size: int
    page_token: str
    scope: str
    view: _resources_pb2.AnswerView
    def __init__(self, scope: _Optional[str] = ..., chain: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., max_presences: _Optional[int] = ..., view: _Optional[_Union[_resources_pb2.AnswerView, str]] = ..., facts: _Optional[_Union[_resources_pb2.FactFilter, _Mapping]] = ...) -> None: ...

class FindExtensionsResponse(_message.Message):
    __slots__ = ["chain", "dictionary", "evidence_truncated", "extensions", "next_page_token", "scope", "total_size", "view"]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    DICTIONARY_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    EXTENSIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    chain: _resources_pb2.ChainRef
    dictionary: _resources_pb2.Dictionary
    evidence_truncated: bool
    extensions: _containers.RepeatedCompositeFieldContainer[Extension]
    next_page_token: str
    scope: ScopeRef
    total_size: int
    view: _resources_pb2.AnswerView
    def __init__(self, extensions: _Optional[_Iterable[_Union[Extension, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., scope: _Optional[_Union[ScopeRef, _Mapping]] = ..., chain: _Optional[_Union[_resources_pb2.ChainRef, _Mapping]] = ..., total_size: _Optional[int] = ..., view: _Optional[_Union[_resources_pb2.AnswerView, str]] = ..., dictionary: _Optional[_Union[_resources_pb2.Dictionary, _Mapping]] = ..., evidence_truncated: bool = ...) -> None: ...

class FindInvestmentLeadsRequest(_message.Message):
    __slots__ = ["chain", "facts", "link", "max_presences", "page_size", "page_token", "region", "view"]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    FACTS_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    MAX_PRESENCES_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    chain: str
    facts: _resources_pb2.FactFilter
    link: str
    max_presences: int
    page_size: int
    page_token: str
    region: str
    view: _resources_pb2.AnswerView
    def __init__(self, region: _Optional[str] = ..., link: _Optional[str] = ..., chain: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., max_presences: _Optional[int] = ..., view: _Optional[_Union[_resources_pb2.AnswerView, str]] = ..., facts: _Optional[_Union[_resources_pb2.FactFilter, _Mapping]] = ...) -> None: ...

class FindInvestmentLeadsResponse(_message.Message):
    __slots__ = ["dictionary", "evidence_truncated", "leads", "link", "next_page_token", "region", "region_feeds", "region_has_link", "total_size", "view"]
    DICTIONARY_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    LEADS_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    REGION_FEEDS_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    REGION_HAS_LINK_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    dictionary: _resources_pb2.Dictionary
    evidence_truncated: bool
    leads: _containers.RepeatedCompositeFieldContainer[Lead]
    link: _resources_pb2.LinkRef
    next_page_token: str
    region: _resources_pb2.RegionRef
    region_feeds: _containers.RepeatedCompositeFieldContainer[Demand]
    region_has_link: bool
    total_size: int
    view: _resources_pb2.AnswerView
    def __init__(self, leads: _Optional[_Iterable[_Union[Lead, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., region: _Optional[_Union[_resources_pb2.RegionRef, _Mapping]] = ..., link: _Optional[_Union[_resources_pb2.LinkRef, _Mapping]] = ..., region_has_link: bool = ..., total_size: _Optional[int] = ..., view: _Optional[_Union[_resources_pb2.AnswerView, str]] = ..., dictionary: _Optional[_Union[_resources_pb2.Dictionary, _Mapping]] = ..., evidence_truncated: bool = ..., region_feeds: _Optional[_Iterable[_Union[Demand, _Mapping]]] = ...) -> None: ...

class FindLackingRegionsRequest(_message.Message):
    __slots__ = ["chain", "facts", "level", "link", "max_demands", "max_depth", "max_presences", "max_suppliers", "page_size", "page_token", "scope", "view"]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    FACTS_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    MAX_DEMANDS_FIELD_NUMBER: _ClassVar[int]
    MAX_DEPTH_FIELD_NUMBER: _ClassVar[int]
    MAX_PRESENCES_FIELD_NUMBER: _ClassVar[int]
    MAX_SUPPLIERS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    chain: str
    facts: _resources_pb2.FactFilter
    level: _resources_pb2.RegionLevel
    link: str
    max_demands: int
    max_depth: int
    max_presences: int
    max_suppliers: int
    page_size: int
    page_token: str
    scope: str
    view: _resources_pb2.AnswerView
    def __init__(self, chain: _Optional[str] = ..., link: _Optional[str] = ..., scope: _Optional[str] = ..., level: _Optional[_Union[_resources_pb2.RegionLevel, str]] = ..., max_depth: _Optional[int] = ..., max_suppliers: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., max_presences: _Optional[int] = ..., view: _Optional[_Union[_resources_pb2.AnswerView, str]] = ..., max_demands: _Optional[int] = ..., facts: _Optional[_Union[_resources_pb2.FactFilter, _Mapping]] = ...) -> None: ...

class FindLackingRegionsResponse(_message.Message):
    __slots__ = ["belt", "chain", "chain_holders", "dictionary", "evidence_truncated", "lacking_regions", "level", "link", "max_depth", "next_page_token", "scope", "total_size", "view"]
    BELT_FIELD_NUMBER: _ClassVar[int]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    CHAIN_HOLDERS_FIELD_NUMBER: _ClassVar[int]
    DICTIONARY_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    LACKING_REGIONS_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    MAX_DEPTH_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    belt: BeltRef
    chain: _resources_pb2.ChainRef
    chain_holders: _containers.RepeatedCompositeFieldContainer[_resources_pb2.RegionRef]
    dictionary: _resources_pb2.Dictionary
    evidence_truncated: bool
    lacking_regions: _containers.RepeatedCompositeFieldContainer[LackingRegion]
    level: _resources_pb2.RegionLevel
    link: _resources_pb2.LinkRef
    max_depth: int
    next_page_token: str
    scope: _resources_pb2.RegionRef
    total_size: int
    view: _resources_pb2.AnswerView
    def __init__(self, lacking_regions: _Optional[_Iterable[_Union[LackingRegion, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., link: _Optional[_Union[_resources_pb2.LinkRef, _Mapping]] = ..., chain: _Optional[_Union[_resources_pb2.ChainRef, _Mapping]] = ..., scope: _Optional[_Union[_resources_pb2.RegionRef, _Mapping]] = ..., level: _Optional[_Union[_resources_pb2.RegionLevel, str]] = ..., max_depth: _Optional[int] = ..., total_size: _Optional[int] = ..., belt: _Optional[_Union[BeltRef, _Mapping]] = ..., view: _Optional[_Union[_resources_pb2.AnswerView, str]] = ..., dictionary: _Optional[_Union[_resources_pb2.Dictionary, _Mapping]] = ..., evidence_truncated: bool = ..., chain_holders: _Optional[_Iterable[_Union[_resources_pb2.RegionRef, _Mapping]]] = ...) -> None: ...

class FindPlanGapsRequest(_message.Message):
    __slots__ = ["chain", "facts", "level", "max_presences", "max_suppliers", "page_size", "page_token", "scope", "view"]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    FACTS_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    MAX_PRESENCES_FIELD_NUMBER: _ClassVar[int]
    MAX_SUPPLIERS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    chain: str
    facts: _resources_pb2.FactFilter
    level: _resources_pb2.RegionLevel
    max_presences: int
    max_suppliers: int
    page_size: int
    page_token: str
    scope: str
    view: _resources_pb2.AnswerView
    def __init__(self, chain: _Optional[str] = ..., scope: _Optional[str] = ..., level: _Optional[_Union[_resources_pb2.RegionLevel, str]] = ..., max_suppliers: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., max_presences: _Optional[int] = ..., view: _Optional[_Union[_resources_pb2.AnswerView, str]] = ..., facts: _Optional[_Union[_resources_pb2.FactFilter, _Mapping]] = ...) -> None: ...

class FindPlanGapsResponse(_message.Message):
    __slots__ = ["belt", "chain", "dictionary", "evidence_truncated", "level", "next_page_token", "plan_gaps", "scope", "total_size", "view"]
    BELT_FIELD_NUMBER: _ClassVar[int]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    DICTIONARY_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PLAN_GAPS_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    belt: BeltRef
    chain: _resources_pb2.ChainRef
    dictionary: _resources_pb2.Dictionary
    evidence_truncated: bool
    level: _resources_pb2.RegionLevel
    next_page_token: str
    plan_gaps: _containers.RepeatedCompositeFieldContainer[PlanGap]
    scope: _resources_pb2.RegionRef
    total_size: int
    view: _resources_pb2.AnswerView
    def __init__(self, plan_gaps: _Optional[_Iterable[_Union[PlanGap, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., chain: _Optional[_Union[_resources_pb2.ChainRef, _Mapping]] = ..., scope: _Optional[_Union[_resources_pb2.RegionRef, _Mapping]] = ..., belt: _Optional[_Union[BeltRef, _Mapping]] = ..., level: _Optional[_Union[_resources_pb2.RegionLevel, str]] = ..., total_size: _Optional[int] = ..., view: _Optional[_Union[_resources_pb2.AnswerView, str]] = ..., dictionary: _Optional[_Union[_resources_pb2.Dictionary, _Mapping]] = ..., evidence_truncated: bool = ...) -> None: ...

class FindWeakLinksRequest(_message.Message):
    __slots__ = ["chain", "facts", "level", "max_presences", "min_holders", "page_size", "page_token", "scope", "view"]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    FACTS_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    MAX_PRESENCES_FIELD_NUMBER: _ClassVar[int]
    MIN_HOLDERS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    chain: str
    facts: _resources_pb2.FactFilter
    level: _resources_pb2.RegionLevel
    max_presences: int
    min_holders: int
    page_size: int
    page_token: str
    scope: str
    view: _resources_pb2.AnswerView
    def __init__(self, chain: _Optional[str] = ..., scope: _Optional[str] = ..., level: _Optional[_Union[_resources_pb2.RegionLevel, str]] = ..., min_holders: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., max_presences: _Optional[int] = ..., view: _Optional[_Union[_resources_pb2.AnswerView, str]] = ..., facts: _Optional[_Union[_resources_pb2.FactFilter, _Mapping]] = ...) -> None: ...

class FindWeakLinksResponse(_message.Message):
    __slots__ = ["chain", "dictionary", "evidence_truncated", "level", "min_holders", "next_page_token", "scope", "total_size", "view", "weak_links"]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    DICTIONARY_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    MIN_HOLDERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    WEAK_LINKS_FIELD_NUMBER: _ClassVar[int]
    chain: _resources_pb2.ChainRef
    dictionary: _resources_pb2.Dictionary
    evidence_truncated: bool
    level: _resources_pb2.RegionLevel
    min_holders: int
    next_page_token: str
    scope: ScopeRef
    total_size: int
    view: _resources_pb2.AnswerView
    weak_links: _containers.RepeatedCompositeFieldContainer[WeakLink]
    def __init__(self, weak_links: _Optional[_Iterable[_Union[WeakLink, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., chain: _Optional[_Union[_resources_pb2.ChainRef, _Mapping]] = ..., scope: _Optional[_Union[ScopeRef, _Mapping]] = ..., level: _Optional[_Union[_resources_pb2.RegionLevel, str]] = ..., min_holders: _Optional[int] = ..., total_size: _Optional[int] = ..., view: _Optional[_Union[_resources_pb2.AnswerView, str]] = ..., dictionary: _Optional[_Union[_resources_pb2.Dictionary, _Mapping]] = ..., evidence_truncated: bool = ...) -> None: ...

class GetBeltRequest(_message.Message):
    __slots__ = ["belt"]
    BELT_FIELD_NUMBER: _ClassVar[int]
    belt: str
    def __init__(self, belt: _Optional[str] = ...) -> None: ...

class GetBeltResponse(_message.Message):
    __slots__ = ["belt", "certain_member_count", "members"]
    BELT_FIELD_NUMBER: _ClassVar[int]
    CERTAIN_MEMBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    belt: _resources_pb2.Belt
    certain_member_count: int
    members: _containers.RepeatedCompositeFieldContainer[_resources_pb2.BeltMember]
    def __init__(self, belt: _Optional[_Union[_resources_pb2.Belt, _Mapping]] = ..., members: _Optional[_Iterable[_Union[_resources_pb2.BeltMember, _Mapping]]] = ..., certain_member_count: _Optional[int] = ...) -> None: ...

class GetChainRequest(_message.Message):
    __slots__ = ["chain"]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    chain: str
    def __init__(self, chain: _Optional[str] = ...) -> None: ...

class GetChainResponse(_message.Message):
    __slots__ = ["chain", "feeds", "links"]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    FEEDS_FIELD_NUMBER: _ClassVar[int]
    LINKS_FIELD_NUMBER: _ClassVar[int]
    chain: _resources_pb2.Chain
    feeds: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Feed]
    links: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Link]
    def __init__(self, chain: _Optional[_Union[_resources_pb2.Chain, _Mapping]] = ..., links: _Optional[_Iterable[_Union[_resources_pb2.Link, _Mapping]]] = ..., feeds: _Optional[_Iterable[_Union[_resources_pb2.Feed, _Mapping]]] = ...) -> None: ...

class GetCoverageMatrixRequest(_message.Message):
    __slots__ = ["chain", "facts", "level", "max_presences", "scope", "view"]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    FACTS_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    MAX_PRESENCES_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    chain: str
    facts: _resources_pb2.FactFilter
    level: _resources_pb2.RegionLevel
    max_presences: int
    scope: str
    view: _resources_pb2.AnswerView
    def __init__(self, chain: _Optional[str] = ..., scope: _Optional[str] = ..., level: _Optional[_Union[_resources_pb2.RegionLevel, str]] = ..., max_presences: _Optional[int] = ..., view: _Optional[_Union[_resources_pb2.AnswerView, str]] = ..., facts: _Optional[_Union[_resources_pb2.FactFilter, _Mapping]] = ...) -> None: ...

class GetCoverageMatrixResponse(_message.Message):
    __slots__ = ["chain", "level", "links", "row", "scope", "view"]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    LINKS_FIELD_NUMBER: _ClassVar[int]
    ROW_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    chain: _resources_pb2.ChainRef
    level: _resources_pb2.RegionLevel
    links: _containers.RepeatedCompositeFieldContainer[_resources_pb2.LinkRef]
    row: CoverageRow
    scope: ScopeRef
    view: _resources_pb2.AnswerView
    def __init__(self, links: _Optional[_Iterable[_Union[_resources_pb2.LinkRef, _Mapping]]] = ..., chain: _Optional[_Union[_resources_pb2.ChainRef, _Mapping]] = ..., scope: _Optional[_Union[ScopeRef, _Mapping]] = ..., level: _Optional[_Union[_resources_pb2.RegionLevel, str]] = ..., row: _Optional[_Union[CoverageRow, _Mapping]] = ..., view: _Optional[_Union[_resources_pb2.AnswerView, str]] = ...) -> None: ...

class GetLinkMapRequest(_message.Message):
    __slots__ = ["chain", "facts", "level", "link", "max_depth", "max_suppliers", "scope"]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    FACTS_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    MAX_DEPTH_FIELD_NUMBER: _ClassVar[int]
    MAX_SUPPLIERS_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    chain: str
    facts: _resources_pb2.FactFilter
    level: _resources_pb2.RegionLevel
    link: str
    max_depth: int
    max_suppliers: int
    scope: str
    def __init__(self, chain: _Optional[str] = ..., link: _Optional[str] = ..., scope: _Optional[str] = ..., level: _Optional[_Union[_resources_pb2.RegionLevel, str]] = ..., max_depth: _Optional[int] = ..., max_suppliers: _Optional[int] = ..., facts: _Optional[_Union[_resources_pb2.FactFilter, _Mapping]] = ...) -> None: ...

class GetLinkMapResponse(_message.Message):
    __slots__ = ["belt", "chain", "level", "link", "max_depth", "nearest_suppliers", "regions", "scope"]
    BELT_FIELD_NUMBER: _ClassVar[int]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    MAX_DEPTH_FIELD_NUMBER: _ClassVar[int]
    NEAREST_SUPPLIERS_FIELD_NUMBER: _ClassVar[int]
    REGIONS_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    belt: BeltRef
    chain: _resources_pb2.ChainRef
    level: _resources_pb2.RegionLevel
    link: _resources_pb2.LinkRef
    max_depth: int
    nearest_suppliers: _containers.RepeatedCompositeFieldContainer[_resources_pb2.RegionRef]
    regions: _containers.RepeatedCompositeFieldContainer[MappedRegion]
    scope: _resources_pb2.RegionRef
    def __init__(self, regions: _Optional[_Iterable[_Union[MappedRegion, _Mapping]]] = ..., link: _Optional[_Union[_resources_pb2.LinkRef, _Mapping]] = ..., chain: _Optional[_Union[_resources_pb2.ChainRef, _Mapping]] = ..., scope: _Optional[_Union[_resources_pb2.RegionRef, _Mapping]] = ..., belt: _Optional[_Union[BeltRef, _Mapping]] = ..., level: _Optional[_Union[_resources_pb2.RegionLevel, str]] = ..., max_depth: _Optional[int] = ..., nearest_suppliers: _Optional[_Iterable[_Union[_resources_pb2.RegionRef, _Mapping]]] = ...) -> None: ...

class GetRegionProfileRequest(_message.Message):
    __slots__ = ["facts", "max_presences", "region", "view"]
    FACTS_FIELD_NUMBER: _ClassVar[int]
    MAX_PRESENCES_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    facts: _resources_pb2.FactFilter
    max_presences: int
    region: str
    view: _resources_pb2.AnswerView
    def __init__(self, region: _Optional[str] = ..., max_presences: _Optional[int] = ..., view: _Optional[_Union[_resources_pb2.AnswerView, str]] = ..., facts: _Optional[_Union[_resources_pb2.FactFilter, _Mapping]] = ...) -> None: ...

class GetRegionProfileResponse(_message.Message):
    __slots__ = ["chains", "cluster_counts", "dictionary", "evidence_truncated", "region", "view"]
    CHAINS_FIELD_NUMBER: _ClassVar[int]
    CLUSTER_COUNTS_FIELD_NUMBER: _ClassVar[int]
    DICTIONARY_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    chains: _containers.RepeatedCompositeFieldContainer[ChainProfile]
    cluster_counts: _containers.RepeatedCompositeFieldContainer[ClusterCount]
    dictionary: _resources_pb2.Dictionary
    evidence_truncated: bool
    region: _resources_pb2.Region
    view: _resources_pb2.AnswerView
    def __init__(self, region: _Optional[_Union[_resources_pb2.Region, _Mapping]] = ..., chains: _Optional[_Iterable[_Union[ChainProfile, _Mapping]]] = ..., view: _Optional[_Union[_resources_pb2.AnswerView, str]] = ..., dictionary: _Optional[_Union[_resources_pb2.Dictionary, _Mapping]] = ..., evidence_truncated: bool = ..., cluster_counts: _Optional[_Iterable[_Union[ClusterCount, _Mapping]]] = ...) -> None: ...

class GetRegionRequest(_message.Message):
    __slots__ = ["region"]
    REGION_FIELD_NUMBER: _ClassVar[int]
    region: str
    def __init__(self, region: _Optional[str] = ...) -> None: ...

class GetRegionResponse(_message.Message):
    __slots__ = ["children", "neighbours", "parent", "region"]
    CHILDREN_FIELD_NUMBER: _ClassVar[int]
    NEIGHBOURS_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    children: _containers.RepeatedCompositeFieldContainer[_resources_pb2.RegionRef]
    neighbours: _containers.RepeatedCompositeFieldContainer[_resources_pb2.RegionRef]
    parent: _resources_pb2.RegionRef
    region: _resources_pb2.Region
    def __init__(self, region: _Optional[_Union[_resources_pb2.Region, _Mapping]] = ..., parent: _Optional[_Union[_resources_pb2.RegionRef, _Mapping]] = ..., children: _Optional[_Iterable[_Union[_resources_pb2.RegionRef, _Mapping]]] = ..., neighbours: _Optional[_Iterable[_Union[_resources_pb2.RegionRef, _Mapping]]] = ...) -> None: ...

class Holding(_message.Message):
    __slots__ = ["certain_presence_count", "presence_count", "presences", "region", "strength"]
    CERTAIN_PRESENCE_COUNT_FIELD_NUMBER: _ClassVar[int]
    PRESENCES_FIELD_NUMBER: _ClassVar[int]
    PRESENCE_COUNT_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    STRENGTH_FIELD_NUMBER: _ClassVar[int]
    certain_presence_count: int
    presence_count: int
    presences: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Presence]
    region: _resources_pb2.RegionRef
    strength: float
    def __init__(self, region: _Optional[_Union[_resources_pb2.RegionRef, _Mapping]] = ..., strength: _Optional[float] = ..., presences: _Optional[_Iterable[_Union[_resources_pb2.Presence, _Mapping]]] = ..., presence_count: _Optional[int] = ..., certain_presence_count: _Optional[int] = ...) -> None: ...

class LackingChange(_message.Message):
    __slots__ = ["change", "demand_link_ids_after", "demand_link_ids_before", "filled_by", "held_by", "new_demand", "region"]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    DEMAND_LINK_IDS_AFTER_FIELD_NUMBER: _ClassVar[int]
    DEMAND_LINK_IDS_BEFORE_FIELD_NUMBER: _ClassVar[int]
    FILLED_BY_FIELD_NUMBER: _ClassVar[int]
    HELD_BY_FIELD_NUMBER: _ClassVar[int]
    NEW_DEMAND_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    change: GapChange
    demand_link_ids_after: _containers.RepeatedScalarFieldContainer[str]
    demand_link_ids_before: _containers.RepeatedScalarFieldContainer[str]
    filled_by: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Presence]
    held_by: _containers.RepeatedCompositeFieldContainer[_resources_pb2.ChainFact]
    new_demand: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Presence]
    region: _resources_pb2.RegionRef
    def __init__(self, region: _Optional[_Union[_resources_pb2.RegionRef, _Mapping]] = ..., change: _Optional[_Union[GapChange, str]] = ..., demand_link_ids_before: _Optional[_Iterable[str]] = ..., demand_link_ids_after: _Optional[_Iterable[str]] = ..., filled_by: _Optional[_Iterable[_Union[_resources_pb2.Presence, _Mapping]]] = ..., held_by: _Optional[_Iterable[_Union[_resources_pb2.ChainFact, _Mapping]]] = ..., new_demand: _Optional[_Iterable[_Union[_resources_pb2.Presence, _Mapping]]] = ...) -> None: ...

class LackingRegion(_message.Message):
    __slots__ = ["demand_count", "demands", "nearest_suppliers", "region"]
    DEMANDS_FIELD_NUMBER: _ClassVar[int]
    DEMAND_COUNT_FIELD_NUMBER: _ClassVar[int]
    NEAREST_SUPPLIERS_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    demand_count: int
    demands: _containers.RepeatedCompositeFieldContainer[Demand]
    nearest_suppliers: _containers.RepeatedCompositeFieldContainer[Supplier]
    region: _resources_pb2.RegionRef
    def __init__(self, region: _Optional[_Union[_resources_pb2.RegionRef, _Mapping]] = ..., demands: _Optional[_Iterable[_Union[Demand, _Mapping]]] = ..., nearest_suppliers: _Optional[_Iterable[_Union[Supplier, _Mapping]]] = ..., demand_count: _Optional[int] = ...) -> None: ...

class Lead(_message.Message):
    __slots__ = ["clusters", "feeds", "holder", "holder_kind", "other_link_count", "other_links", "place", "presence"]
    CLUSTERS_FIELD_NUMBER: _ClassVar[int]
    FEEDS_FIELD_NUMBER: _ClassVar[int]
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    HOLDER_KIND_FIELD_NUMBER: _ClassVar[int]
    OTHER_LINKS_FIELD_NUMBER: _ClassVar[int]
    OTHER_LINK_COUNT_FIELD_NUMBER: _ClassVar[int]
    PLACE_FIELD_NUMBER: _ClassVar[int]
    PRESENCE_FIELD_NUMBER: _ClassVar[int]
    clusters: _containers.RepeatedScalarFieldContainer[str]
    feeds: _containers.RepeatedCompositeFieldContainer[Demand]
    holder: str
    holder_kind: str
    other_link_count: int
    other_links: _containers.RepeatedCompositeFieldContainer[_resources_pb2.LinkRef]
    place: Supplier
    presence: _resources_pb2.Presence
    def __init__(self, holder: _Optional[str] = ..., holder_kind: _Optional[str] = ..., place: _Optional[_Union[Supplier, _Mapping]] = ..., presence: _Optional[_Union[_resources_pb2.Presence, _Mapping]] = ..., other_links: _Optional[_Iterable[_Union[_resources_pb2.LinkRef, _Mapping]]] = ..., clusters: _Optional[_Iterable[str]] = ..., feeds: _Optional[_Iterable[_Union[Demand, _Mapping]]] = ..., other_link_count: _Optional[int] = ...) -> None: ...

class ListBeltsRequest(_message.Message):
    __slots__ = ["kind", "page_size", "page_token"]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    kind: str
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., kind: _Optional[str] = ...) -> None: ...

class ListBeltsResponse(_message.Message):
    __slots__ = ["belts", "next_page_token"]
    BELTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    belts: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Belt]
    next_page_token: str
    def __init__(self, belts: _Optional[_Iterable[_Union[_resources_pb2.Belt, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListChainsRequest(_message.Message):
    __slots__ = ["page_size", "page_token"]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListChainsResponse(_message.Message):
    __slots__ = ["chains", "next_page_token"]
    CHAINS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    chains: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Chain]
    next_page_token: str
    def __init__(self, chains: _Optional[_Iterable[_Union[_resources_pb2.Chain, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListPlanTargetsRequest(_message.Message):
    __slots__ = ["page_size", "page_token"]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListPlanTargetsResponse(_message.Message):
    __slots__ = ["next_page_token", "targets"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    targets: _containers.RepeatedCompositeFieldContainer[_resources_pb2.PlanTarget]
    def __init__(self, targets: _Optional[_Iterable[_Union[_resources_pb2.PlanTarget, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListRegionsRequest(_message.Message):
    __slots__ = ["level", "page_size", "page_token", "parent"]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    level: _resources_pb2.RegionLevel
    page_size: int
    page_token: str
    parent: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., level: _Optional[_Union[_resources_pb2.RegionLevel, str]] = ..., parent: _Optional[str] = ...) -> None: ...

class ListRegionsResponse(_message.Message):
    __slots__ = ["next_page_token", "regions"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    REGIONS_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    regions: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Region]
    def __init__(self, regions: _Optional[_Iterable[_Union[_resources_pb2.Region, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class MappedRegion(_message.Message):
    __slots__ = ["nearest_supplier", "region", "status"]
    NEAREST_SUPPLIER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    nearest_supplier: bool
    region: _resources_pb2.RegionRef
    status: LinkStatus
    def __init__(self, region: _Optional[_Union[_resources_pb2.RegionRef, _Mapping]] = ..., status: _Optional[_Union[LinkStatus, str]] = ..., nearest_supplier: bool = ...) -> None: ...

class NearLink(_message.Message):
    __slots__ = ["candidate_feeds_it", "link", "presence_count", "presences"]
    CANDIDATE_FEEDS_IT_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    PRESENCES_FIELD_NUMBER: _ClassVar[int]
    PRESENCE_COUNT_FIELD_NUMBER: _ClassVar[int]
    candidate_feeds_it: bool
    link: _resources_pb2.LinkRef
    presence_count: int
    presences: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Presence]
    def __init__(self, link: _Optional[_Union[_resources_pb2.LinkRef, _Mapping]] = ..., candidate_feeds_it: bool = ..., presences: _Optional[_Iterable[_Union[_resources_pb2.Presence, _Mapping]]] = ..., presence_count: _Optional[int] = ...) -> None: ...

class PlanGap(_message.Message):
    __slots__ = ["chain", "chain_facts", "grain", "link", "nearest_suppliers", "planned", "planned_count", "region"]
    CHAIN_FACTS_FIELD_NUMBER: _ClassVar[int]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    GRAIN_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    NEAREST_SUPPLIERS_FIELD_NUMBER: _ClassVar[int]
    PLANNED_COUNT_FIELD_NUMBER: _ClassVar[int]
    PLANNED_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    chain: _resources_pb2.ChainRef
    chain_facts: _containers.RepeatedCompositeFieldContainer[_resources_pb2.ChainFact]
    grain: _resources_pb2.FactGrain
    link: _resources_pb2.LinkRef
    nearest_suppliers: _containers.RepeatedCompositeFieldContainer[Supplier]
    planned: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Presence]
    planned_count: int
    region: _resources_pb2.RegionRef
    def __init__(self, region: _Optional[_Union[_resources_pb2.RegionRef, _Mapping]] = ..., chain: _Optional[_Union[_resources_pb2.ChainRef, _Mapping]] = ..., link: _Optional[_Union[_resources_pb2.LinkRef, _Mapping]] = ..., grain: _Optional[_Union[_resources_pb2.FactGrain, str]] = ..., planned: _Optional[_Iterable[_Union[_resources_pb2.Presence, _Mapping]]] = ..., planned_count: _Optional[int] = ..., chain_facts: _Optional[_Iterable[_Union[_resources_pb2.ChainFact, _Mapping]]] = ..., nearest_suppliers: _Optional[_Iterable[_Union[Supplier, _Mapping]]] = ...) -> None: ...

class PresentLink(_message.Message):
    __slots__ = ["certain_presence_count", "link", "presence_count", "presences", "strength"]
    CERTAIN_PRESENCE_COUNT_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    PRESENCES_FIELD_NUMBER: _ClassVar[int]
    PRESENCE_COUNT_FIELD_NUMBER: _ClassVar[int]
    STRENGTH_FIELD_NUMBER: _ClassVar[int]
    certain_presence_count: int
    link: _resources_pb2.LinkRef
    presence_count: int
    presences: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Presence]
    strength: float
    def __init__(self, link: _Optional[_Union[_resources_pb2.LinkRef, _Mapping]] = ..., strength: _Optional[float] = ..., presences: _Optional[_Iterable[_Union[_resources_pb2.Presence, _Mapping]]] = ..., presence_count: _Optional[int] = ..., certain_presence_count: _Optional[int] = ...) -> None: ...

class ScopeRef(_message.Message):
    __slots__ = ["belt", "region"]
    BELT_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    belt: BeltRef
    region: _resources_pb2.RegionRef
    def __init__(self, region: _Optional[_Union[_resources_pb2.RegionRef, _Mapping]] = ..., belt: _Optional[_Union[BeltRef, _Mapping]] = ...) -> None: ...

class Supplier(_message.Message):
    __slots__ = ["border_hops", "certain_presence_count", "distance_km", "presence_count", "presences", "region", "same_belt", "same_prefecture"]
    BORDER_HOPS_FIELD_NUMBER: _ClassVar[int]
    CERTAIN_PRESENCE_COUNT_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_KM_FIELD_NUMBER: _ClassVar[int]
    PRESENCES_FIELD_NUMBER: _ClassVar[int]
    PRESENCE_COUNT_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    SAME_BELT_FIELD_NUMBER: _ClassVar[int]
    SAME_PREFECTURE_FIELD_NUMBER: _ClassVar[int]
    border_hops: int
    certain_presence_count: int
    distance_km: float
    presence_count: int
    presences: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Presence]
    region: _resources_pb2.RegionRef
    same_belt: bool
    same_prefecture: bool
    def __init__(self, region: _Optional[_Union[_resources_pb2.RegionRef, _Mapping]] = ..., border_hops: _Optional[int] = ..., distance_km: _Optional[float] = ..., presences: _Optional[_Iterable[_Union[_resources_pb2.Presence, _Mapping]]] = ..., same_prefecture: bool = ..., same_belt: bool = ..., presence_count: _Optional[int] = ..., certain_presence_count: _Optional[int] = ...) -> None: ...

class WeakLink(_message.Message):
    __slots__ = ["certain_holder_count", "hhi", "holder_count", "holders", "link"]
    CERTAIN_HOLDER_COUNT_FIELD_NUMBER: _ClassVar[int]
    HHI_FIELD_NUMBER: _ClassVar[int]
    HOLDERS_FIELD_NUMBER: _ClassVar[int]
    HOLDER_COUNT_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    certain_holder_count: int
    hhi: float
    holder_count: int
    holders: _containers.RepeatedCompositeFieldContainer[Holding]
    link: _resources_pb2.LinkRef
    def __init__(self, link: _Optional[_Union[_resources_pb2.LinkRef, _Mapping]] = ..., holders: _Optional[_Iterable[_Union[Holding, _Mapping]]] = ..., hhi: _Optional[float] = ..., holder_count: _Optional[int] = ..., certain_holder_count: _Optional[int] = ...) -> None: ...

class LocationQuotientStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class GapChange(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class LinkStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
