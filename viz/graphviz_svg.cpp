// Graphviz's C library behind one call: DOT text in, inline SVG out, nothing on stderr.
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "ldfi/viz/report.hpp"

namespace ldfi::viz {

namespace {

// Graphviz reports through one process-wide handler; calls are serialised so it is ours.
std::mutex g_graphviz_mutex;
std::string* g_errors = nullptr;

int collect_error(char* message) {
    if (g_errors != nullptr && message != nullptr) *g_errors += message;
    return 0;
}

// Restores Graphviz's error handling when a call is done, whatever happened.
struct ErrorCapture {
    explicit ErrorCapture(std::string& sink) {
        g_errors = &sink;
        m_previous_fn = agseterrf(collect_error);
        m_previous_level = agseterr(AGERR);  // warnings (e.g. about fonts) are not errors
        agreseterrors();
    }
    ~ErrorCapture() {
        agseterrf(m_previous_fn);
        agseterr(m_previous_level);
        g_errors = nullptr;
    }
    ErrorCapture(const ErrorCapture&) = delete;
    ErrorCapture& operator=(const ErrorCapture&) = delete;

private:
    agusererrf m_previous_fn;
    agerrlevel_t m_previous_level;
};

// Object ids in order of first mention. cgraph's default discipline uses the address of a name's
// string as its id and keeps subgraphs sorted by id, so clusters came out in an order that
// changed from run to run (heap addresses); counting makes the output depend on the text alone.
struct NameIds {
    std::map<std::string, IDTYPE> ids;
    std::map<IDTYPE, std::string> names;
    IDTYPE next_named = 2, next_anonymous = 1;  // even for names, odd for anonymous objects
};

void* ids_open(Agraph_t*, Agdisc_t*) { return new NameIds(); }

long ids_map(void* state, int, char* str, IDTYPE* id, int create) {
    auto* s = static_cast<NameIds*>(state);
    if (str == nullptr) {
        *id = s->next_anonymous;
        s->next_anonymous += 2;
        return 1;
    }
    auto it = s->ids.find(str);
    if (it != s->ids.end()) {
        *id = it->second;
        return 1;
    }
    if (!create) return 0;
    *id = s->next_named;
    s->next_named += 2;
    s->ids.emplace(str, *id);
    s->names.emplace(*id, str);
    return 1;
}

long ids_alloc(void*, int, IDTYPE) { return 0; }  // no object asks for an id of its choosing here
void ids_free(void*, int, IDTYPE) {}

char* ids_print(void* state, int, IDTYPE id) {
    auto* s = static_cast<NameIds*>(state);
    auto it = s->names.find(id);
    return it == s->names.end() ? nullptr : it->second.data();
}

void ids_close(void* state) { delete static_cast<NameIds*>(state); }
void ids_register(void*, int, void*) {}

Agiddisc_t g_ids = {ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close, ids_register};

// Reads DOT text through the counting id discipline.
Agraph_t* read_dot(const std::string& dot) {
    FILE* in = fmemopen(const_cast<char*>(dot.data()), dot.size(), "r");
    if (in == nullptr) return nullptr;
    Agdisc_t disc = {&AgMemDisc, &g_ids, &AgIoDisc};
    Agraph_t* graph = agread(in, &disc);
    std::fclose(in);
    return graph;
}

// Drops the XML prologue and every comment (one names Graphviz's version: not deterministic
// across installations), and prefixes ids so several graphs share one page.
std::string clean_svg(std::string_view raw, const std::string& id_prefix) {
    std::size_t start = raw.find("<svg");
    if (start == std::string_view::npos) return "";
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = start; i < raw.size();) {
        if (raw.compare(i, 4, "<!--") == 0) {
            std::size_t end = raw.find("-->", i + 4);
            i = end == std::string_view::npos ? raw.size() : end + 3;
            while (i < raw.size() && raw[i] == '\n') ++i;
        } else if (raw.compare(i, 4, "id=\"") == 0) {
            out += "id=\"" + id_prefix + "-";
            i += 4;
        } else {
            out += raw[i++];
        }
    }
    return out;
}

// One Graphviz context for the whole process, created on first use and deliberately never freed.
// Debian's Graphviz 2.42 pango text-layout plugin caches, in a static variable, a pointer to the
// font name it measured last; that string belongs to the context (its font dictionary) and is freed
// by gvFreeContext, so the first text measurement under any later context reads freed memory
// (heap-use-after-free under ASan; silently wrong font cache otherwise). Reusing one context, as
// the dot command does for several graphs, keeps that string alive. Calls hold g_graphviz_mutex.
GVC_t* graphviz_context() {
    static GVC_t* const context = gvContext();
    return context;
}

}  // namespace

std::string dot_to_svg(const std::string& dot, const std::string& id_prefix, std::string& error) {
    std::lock_guard<std::mutex> lock(g_graphviz_mutex);
    error.clear();
    ErrorCapture capture(error);
    GVC_t* gvc = graphviz_context();
    if (gvc == nullptr) {
        error = "cannot start Graphviz";
        return "";
    }
    std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> graph(read_dot(dot), agclose);
    if (!graph) {
        if (error.empty()) error = "Graphviz could not read the graph";
        return "";
    }
    if (gvLayout(gvc, graph.get(), "dot") != 0) {
        if (error.empty()) error = "Graphviz could not lay out the graph";
        return "";
    }
    char* data = nullptr;
    unsigned int length = 0;
    int rc = gvRenderData(gvc, graph.get(), "svg", &data, &length);
    std::string svg = rc == 0 && data != nullptr ? clean_svg(std::string_view(data, length), id_prefix) : "";
    if (data != nullptr) gvFreeRenderData(data);
    gvFreeLayout(gvc, graph.get());
    if (svg.empty() && error.empty()) error = "Graphviz could not render SVG";
    return svg;
}

}  // namespace ldfi::viz
