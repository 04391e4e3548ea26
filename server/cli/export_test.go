package cli

// SetPageSize makes every paged request ask for n rows a page, so tests see several pages; it
// returns a function that restores the default.
func SetPageSize(n int32) (restore func()) {
	old := pageSize
	pageSize = n
	return func() { pageSize = old }
}
