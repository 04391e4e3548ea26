// Package locate finds where a firm is, as the region id of a Hubei county-level unit (or, when
// that is all the data says, a prefecture), from what users' enterprise lists carry: a county
// column (名称 or code, often an old or prefixed name), a 注册地址, or a 统一社会信用代码. It also
// checks credit codes against GB 32100-2015.
//
// It is a gazetteer over the regions it is given, the aliases it is given and the development
// zones of zones.csv; it knows Hubei only, and a few former units (京山县, 监利县, 襄阳区) itself.
// It does not geocode: an address is read from its start (province, prefecture, county or
// zone), never by finding a street; and a credit code says where the firm was registered,
// which is not always where it is.
package locate
