package web_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/seeds"
	"github.com/chaingraph/chaingraph/server"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "write testdata/screenshot.png (the README's picture of the page)")

// chromiumPath finds Debian's chromium. Under CI=true its absence fails the test: the suite
// that proves the page works must run there.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found on PATH (apt-get install -y chromium fonts-noto-cjk); CI=true, so this is a failure")
	}
	t.Skip("chromium not found on PATH; install it with apt-get install -y chromium fonts-noto-cjk to run the browser test")
	return ""
}

// serveSeeds runs the whole service (gRPC and HTTP: page, JSON, map, exports) on loopback
// ports with the embedded seeds in memory, and returns the page's base URL, a gRPC client and
// the store (which a test may load again).
func serveSeeds(t *testing.T) (string, pb.ChainGraphServiceClient, *memstore.Store) {
	t.Helper()
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: seeds.FS})
	if err != nil {
		t.Fatal(err)
	}
	store := memstore.New()
	if err := store.Replace(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.HTTPAddr = "127.0.0.1:0"
	httpAddrs := make(chan net.Addr, 1)
	cfg.HTTPReady = func(a net.Addr) { httpAddrs <- a }
	grpcAddrs := make(chan net.Addr, 1)
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	var runErr error
	go func() {
		defer close(stopped)
		runErr = server.Run(ctx, cfg, store, slog.New(slog.NewTextHandler(io.Discard, nil)), func(a net.Addr) { grpcAddrs <- a })
	}()
	t.Cleanup(func() {
		cancel()
		<-stopped
		if runErr != nil {
			t.Errorf("server: %v", runErr)
		}
	})
	var grpcAddr, httpAddr net.Addr
	for grpcAddr == nil || httpAddr == nil {
		select {
		case grpcAddr = <-grpcAddrs:
		case httpAddr = <-httpAddrs:
		case <-stopped:
			t.Fatalf("server stopped before it listened: %v", runErr)
		case <-time.After(time.Minute):
			t.Fatal("server did not listen on both addresses within a minute")
		}
	}
	conn, err := grpc.NewClient(grpcAddr.String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return "http://" + httpAddr.String(), pb.NewChainGraphServiceClient(conn), store
}

// browser starts headless chromium for the test; every action shares its deadline.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox, // containers run as root, where chromium's sandbox cannot start
		chromedp.WindowSize(1400, 1000),
	)
	ctx, cancelTimeout := context.WithTimeout(context.Background(), 3*time.Minute)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc(); cancelTimeout() })
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return browserCtx
}

// run runs the steps, and on failure says what the page's error box shows.
func run(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		pageError, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('error')?.textContent || ''`))
		t.Fatalf("%s: %v (page error box: %q)", what, err, pageError)
	}
}

// eval evaluates a script in the page and decodes its value.
func eval[T any](t *testing.T, ctx context.Context, script string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script))
	if err != nil {
		t.Fatalf("evaluate %.80s: %v", script, err)
	}
	return v
}

// waitFor waits for the first element that matches a CSS selector.
func waitFor(selector string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitReady(chromedp.CSS(selector))
}

// waitUntil waits until the element with the id matches selector (e.g. [data-state="ready"]),
// or fails at once when it reaches data-state="error", with the page's words for the error,
// rather than at the test's deadline.
func waitUntil(id, selector string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		if _, err := waitFor(`#`+id+selector+`, #`+id+`[data-state="error"]`)(ctx, target); err != nil {
			return err
		}
		failed, err := chromedp.Evaluate[string](fmt.Sprintf(`(() => {
			const el = document.getElementById(%q);
			if (el.dataset.state !== 'error' || el.matches(%q)) return '';
			return [el.querySelector('.error')?.textContent, document.getElementById('error').textContent].filter(Boolean).join(' / ');
		})()`, id, "#"+id+selector))(ctx, target)
		if err == nil && failed != "" {
			err = fmt.Errorf("#%s went to its error state: %s", id, failed)
		}
		return err
	})
}

// choose picks an option by its visible text and fires change, as a user's pick does: the
// page's own handler then runs.
func choose(selectID, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		found, err := chromedp.Evaluate[bool](fmt.Sprintf(`(() => {
			const sel = document.getElementById(%q);
			const opt = [...sel.options].find((o) => o.textContent.trim() === %q);
			if (!opt) return false;
			sel.value = opt.value;
			sel.dispatchEvent(new Event('change', { bubbles: true }));
			return true;
		})()`, selectID, text))(ctx, target)
		if err == nil && !found {
			err = fmt.Errorf("#%s has no option %q", selectID, text)
		}
		return err
	})
}

// clickRegion clicks the mouse on a point of the region's shape that is not covered by
// another shape (a county's box centre can lie in its neighbour).
func clickRegion(id string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		xy, err := chromedp.Evaluate[[]float64](fmt.Sprintf(`(() => {
			const el = document.querySelector('#map .region[data-id=%q]');
			if (!el) return [];
			el.scrollIntoView({ block: 'center' });
			const b = el.getBoundingClientRect();
			for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
				const x = b.left + b.width * i / 12, y = b.top + b.height * j / 12;
				if (document.elementFromPoint(x, y) === el) return [x, y];
			}
			return [];
		})()`, id))(ctx, target)
		if err != nil {
			return err
		}
		if len(xy) != 2 {
			return fmt.Errorf("no visible point of region %s to click", id)
		}
		_, err = chromedp.MouseClickXY(xy[0], xy[1])(ctx, target)
		return err
	})
}

// drawnRegion is what the page drew for one region.
type drawnRegion struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Status   string `json:"status"`
	Supplier string `json:"supplier"`
	Fill     string `json:"fill"`
}

const readRegions = `[...document.querySelectorAll('#map .region')].map((e) => ({
	id: e.dataset.id, name: e.dataset.name, status: e.dataset.status || '',
	supplier: e.dataset.supplier || '', fill: getComputedStyle(e).fill }))`

func screenshot(t *testing.T, ctx context.Context, name string) []byte {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 is PNG
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := os.Getenv("CHAINGRAPH_ARTEFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	return png
}

func TestMapPage(t *testing.T) {
	ctx := browser(t)
	base, api, _ := serveSeeds(t)
	const chain, link = "nev", "nev-battery-materials"

	counties, err := api.ListRegions(context.Background(), &pb.ListRegionsRequest{Level: pb.RegionLevel_REGION_LEVEL_COUNTY, PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	if len(counties.Regions) != 103 || counties.NextPageToken != "" {
		t.Fatalf("the seeds have %d county-level units (more pages: %v), want Hubei's 103", len(counties.Regions), counties.NextPageToken != "")
	}

	// Pick the chain and the link with the page's own controls.
	run(t, ctx, "load the page",
		chromedp.Navigate(base+"/"),
		waitUntil("map", `[data-state="drawn"]`),
		choose("chain", "新能源汽车"),
		waitFor(`#link option[value="`+link+`"]`),
		choose("link", "电池材料"),
		waitUntil("map", `[data-state="painted"][data-key="`+chain+"/"+link+`/county/"]`),
	)
	drawn := eval[[]drawnRegion](t, ctx, readRegions)
	search := eval[string](t, ctx, `location.search`)
	markers := eval[[]string](t, ctx, `[...document.querySelectorAll('#layer-markers .supplier-marker')].map((e) => e.dataset.region)`)

	want, err := api.GetLinkMap(context.Background(), &pb.GetLinkMapRequest{Chain: chain, Link: link, Level: pb.RegionLevel_REGION_LEVEL_COUNTY})
	if err != nil {
		t.Fatal(err)
	}
	answered := map[string]*pb.MappedRegion{}
	for _, r := range want.Regions {
		answered[r.Region.GetId()] = r
	}
	if len(drawn) != len(counties.Regions) {
		t.Errorf("the map draws %d regions, want every one of the %d counties", len(drawn), len(counties.Regions))
	}
	fillOf := map[string]string{} // status → the colour the page gave it
	var lacking drawnRegion
	for _, d := range drawn {
		r, ok := answered[d.ID]
		if !ok {
			t.Errorf("the map draws %s %s, which GetLinkMap does not answer", d.ID, d.Name)
			continue
		}
		delete(answered, d.ID)
		if d.Status != r.Status.String() {
			t.Errorf("%s %s: the page says %q, GetLinkMap %s", d.ID, d.Name, d.Status, r.Status)
		}
		if d.Supplier != fmt.Sprint(r.NearestSupplier) {
			t.Errorf("%s %s: the page marks supplier %q, GetLinkMap %v", d.ID, d.Name, d.Supplier, r.NearestSupplier)
		}
		if f, ok := fillOf[d.Status]; ok && f != d.Fill {
			t.Errorf("%s %s: status %s drawn %s, another region of that status %s", d.ID, d.Name, d.Status, d.Fill, f)
		}
		fillOf[d.Status] = d.Fill
		if d.Status == pb.LinkStatus_LINK_STATUS_LACKS.String() && lacking.ID == "" {
			lacking = d
		}
	}
	for id, r := range answered {
		t.Errorf("GetLinkMap answers %s %s (%s), which the map does not draw", id, r.Region.GetName(), r.Status)
	}
	seenFill := map[string]string{}
	for status, fill := range fillOf {
		if other, ok := seenFill[fill]; ok {
			t.Errorf("statuses %s and %s share the colour %s", status, other, fill)
		}
		seenFill[fill] = status
	}
	if len(fillOf) < 2 {
		t.Errorf("the map shows %d statuses (%v); the seeds give several for %s", len(fillOf), fillOf, link)
	}
	// A marker for every nearest supplier the API names (Hubei's are all on the map).
	var wantMarkers []string
	for _, r := range want.NearestSuppliers {
		wantMarkers = append(wantMarkers, r.GetId())
	}
	slices.Sort(markers)
	slices.Sort(wantMarkers)
	if !slices.Equal(markers, wantMarkers) {
		t.Errorf("supplier markers on %v, GetLinkMap's nearest suppliers %v", markers, wantMarkers)
	}
	if len(wantMarkers) == 0 {
		t.Errorf("GetLinkMap names no nearest supplier for %s; the seeds have suppliers", link)
	}
	if !strings.Contains(search, "chain="+chain) || !strings.Contains(search, "link="+link) {
		t.Errorf("the URL %q does not carry the view", search)
	}
	if lacking.ID == "" {
		t.Fatalf("no county lacks %s in the page; the seeds have 补链 rows for it", link)
	}

	// Click a county that lacks the link: its profile, 补链 row and leads.
	run(t, ctx, "click "+lacking.Name,
		clickRegion(lacking.ID),
		waitUntil("profile", `[data-state="ready"][data-region="`+lacking.ID+`"]`),
		waitFor(`#lacking-row div, #lacking-row p.error`),
		waitFor(`#leads div, #leads p.error`),
	)
	profile, err := api.GetRegionProfile(context.Background(), &pb.GetRegionProfileRequest{Region: lacking.ID})
	if err != nil {
		t.Fatal(err)
	}
	heading := eval[string](t, ctx, `document.querySelector('#profile h2').textContent`)
	chainIDs := eval[[]string](t, ctx, `[...document.querySelectorAll('#profile .chain-profile')].map((e) => e.dataset.chain)`)
	chainSummaries := eval[[]string](t, ctx, `[...document.querySelectorAll('#profile .chain-profile > summary')].map((e) => e.textContent)`)
	panelErrors := eval[string](t, ctx, `[...document.querySelectorAll('#panel .error')].map((e) => e.textContent).join('\n')`)
	if !strings.Contains(heading, profile.Region.GetName()) {
		t.Errorf("profile heading %q, want %s", heading, profile.Region.GetName())
	}
	var wantIDs []string
	for _, c := range profile.Chains {
		wantIDs = append(wantIDs, c.Chain.GetId())
	}
	if strings.Join(chainIDs, ",") != strings.Join(wantIDs, ",") {
		t.Errorf("profile of %s lists chains %v, GetRegionProfile %v", lacking.Name, chainIDs, wantIDs)
	}
	for i, c := range profile.Chains {
		if i < len(chainSummaries) && !strings.Contains(chainSummaries[i], c.Chain.GetName()) {
			t.Errorf("chain %d of the profile reads %q, want %s", i, chainSummaries[i], c.Chain.GetName())
		}
	}
	if len(profile.Chains) == 0 {
		t.Errorf("%s lacks %s, so it has some downstream link, yet its profile has no chain", lacking.Name, link)
	}
	if panelErrors != "" {
		t.Errorf("the side panel shows errors: %s", panelErrors)
	}
	// Every download link of the view answers with a file.
	downloads := eval[[]string](t, ctx, `[...document.querySelectorAll('#downloads a')].map((a) => a.href)`)
	for _, want := range []string{"/export/lacking.csv?", "/export/lacking.xlsx?", "/export/lacking.graphml?", "/export/map.geojson?",
		"/export/weak.xlsx?", "/export/chain.graphml?", "/export/profile.xlsx?region=" + lacking.ID} {
		if !slices.ContainsFunc(downloads, func(href string) bool { return strings.Contains(href, want) }) {
			t.Errorf("no download link %s… among %v", want, downloads)
		}
	}
	for _, href := range downloads {
		res, err := http.Get(href)
		if err != nil {
			t.Errorf("GET %s: %v", href, err)
			continue
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || len(b) == 0 {
			t.Errorf("GET %s: %s, %d bytes: %.200s", href, res.Status, len(b), b)
		}
	}

	png := screenshot(t, ctx, "map-county.png")
	if *updateScreenshot {
		if err := os.WriteFile(filepath.Join("testdata", "screenshot.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// A sent view: prefecture level, a belt overlaid, a prefecture selected.
	prefectures, err := api.GetLinkMap(context.Background(), &pb.GetLinkMapRequest{Chain: chain, Link: link, Level: pb.RegionLevel_REGION_LEVEL_PREFECTURE})
	if err != nil {
		t.Fatal(err)
	}
	belts, err := api.ListBelts(context.Background(), &pb.ListBeltsRequest{Kind: "emerging_belt"})
	if err != nil || len(belts.Belts) == 0 {
		t.Fatalf("ListBelts: %v (%d belts)", err, len(belts.GetBelts()))
	}
	belt := belts.Belts[0].Id
	parentOf := map[string]string{}
	for _, c := range counties.Regions {
		parentOf[c.Id] = c.ParentId
	}
	selected := parentOf[lacking.ID]
	view := url.Values{"chain": {chain}, "link": {link}, "level": {"prefecture"}, "region": {selected}, "belt": {belt}}
	run(t, ctx, "load a sent view",
		chromedp.Navigate(base+"/?"+view.Encode()),
		waitUntil("map", `[data-state="painted"][data-key="`+chain+"/"+link+`/prefecture/"]`),
		waitUntil("profile", `[data-state="ready"][data-region="`+selected+`"]`),
		waitFor(`#layer-belt .belt-outline`),
	)
	controls := eval[map[string]any](t, ctx, `(() => { const v = (id) => document.getElementById(id).value;
		return {chain: v('chain'), link: v('link'), level: v('level'), scope: v('scope'), belt: v('belt'),
			beltOn: document.getElementById('belt-on').checked}; })()`)
	drawn = eval[[]drawnRegion](t, ctx, readRegions)
	wantControls := map[string]any{"chain": chain, "link": link, "level": "prefecture", "scope": "", "belt": belt, "beltOn": true}
	for k, v := range wantControls {
		if controls[k] != v {
			t.Errorf("restored control %s = %v, want %v", k, controls[k], v)
		}
	}
	// At prefecture level a county shows its prefecture unit's answer.
	unitStatus := map[string]string{}
	for _, r := range prefectures.Regions {
		unitStatus[r.Region.GetId()] = r.Status.String()
	}
	for _, d := range drawn {
		want, ok := unitStatus[d.ID]
		if !ok {
			want, ok = unitStatus[parentOf[d.ID]]
		}
		if !ok {
			t.Errorf("county %s %s: neither it nor its prefecture is in the prefecture-level answer", d.ID, d.Name)
		} else if d.Status != want {
			t.Errorf("county %s %s at prefecture level: the page says %q, its unit's answer %s", d.ID, d.Name, d.Status, want)
		}
	}
	screenshot(t, ctx, "map-prefecture-belt.png")
}

// An API error reaches the page in words: a sent view naming a region that does not exist
// shows the service's own message (which suggests close matches).
func TestMapPageShowsAPIErrors(t *testing.T) {
	ctx := browser(t)
	base, api, _ := serveSeeds(t)
	const missing = "cn-429999"
	_, err := api.GetRegionProfile(context.Background(), &pb.GetRegionProfileRequest{Region: missing})
	if status.Code(err) != codes.NotFound {
		t.Fatalf("GetRegionProfile(%s): %v, want NotFound", missing, err)
	}
	run(t, ctx, "load a view naming a missing region",
		chromedp.Navigate(base+"/?region="+missing),
		waitFor(`#profile[data-state="error"]`),
	)
	shown := eval[string](t, ctx, `document.querySelector('#profile .error').textContent`)
	if want := status.Convert(err).Message(); !strings.Contains(shown, want) {
		t.Errorf("the page shows %q, want the API's message %q", shown, want)
	}
}

// A page token from before a load is refused with the reason the page's callAll restarts on.
func TestMapPageKnowsWhenTheDataChanged(t *testing.T) {
	ctx := browser(t)
	base, api, store := serveSeeds(t)
	req := &pb.ListRegionsRequest{PageSize: 10, Level: pb.RegionLevel_REGION_LEVEL_COUNTY}
	first, err := api.ListRegions(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: seeds.FS})
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Replace(context.Background(), ds); err != nil { // the same data, a new version
		t.Fatal(err)
	}
	run(t, ctx, "open the page", chromedp.Navigate(base+"/"), waitUntil("map", `[data-state="drawn"]`))
	script := `call('ListRegions', {pageSize: 10, level: 'REGION_LEVEL_COUNTY', pageToken: ` + strconv.Quote(first.NextPageToken) + `})
		.then(() => 'accepted', (e) => e.dataChanged ? 'data changed' : 'other error: ' + e.message)`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got != "data changed" {
		t.Errorf("a token from before the load, asked from the page: %s, want the DATA_CHANGED reason seen", got)
	}
	// Reading every page from the start works on the new data.
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`callAll('ListRegions', {level: 'REGION_LEVEL_COUNTY'}, 'regions').then((rs) => rs.length)`, chromedp.EvalAwaitPromise))
	if err != nil || n != 103 {
		t.Errorf("callAll after the load: %d regions, %v; want Hubei's 103", n, err)
	}
}

// A firm from a list shows its other columns with its presence: the seeds' 回天新材 in 樊城区,
// its address as its listing notice gives it (seeds/firms).
func TestMapPageShowsAFirmsDetails(t *testing.T) {
	ctx := browser(t)
	base, _, _ := serveSeeds(t)
	run(t, ctx, "open 樊城区's profile",
		chromedp.Navigate(base+"/?region=cn-420606"),
		waitUntil("profile", `[data-state="ready"][data-region="cn-420606"]`),
	)
	details := eval[[]string](t, ctx, `[...document.querySelectorAll('#profile details.attributes')].map((d) => d.textContent)`)
	if len(details) == 0 || !strings.Contains(details[0], "address：湖北省襄阳市国家高新技术开发区航天路7号") { // the file's own column name
		t.Errorf("樊城区's firm details on the page: %q, want the address of 湖北回天新材料股份有限公司", details)
	}
}
