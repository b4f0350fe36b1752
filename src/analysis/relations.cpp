// Relation passes: naming, arity, reserved and built-in names, pre/post, never-defined relations.
#include <algorithm>
#include <tuple>

#include "ldfi/analysis/lint.hpp"
#include "passes.hpp"

namespace ldfi::analysis {
namespace {

struct Occurrence {
    const dedalus::Atom* atom;
    AtomUse use;
};

bool before(const SourceLoc& a, const SourceLoc& b) {
    return std::tie(a.file, a.line, a.col) < std::tie(b.file, b.line, b.col);
}

std::string where(const SourceLoc& loc) {
    return "line " + std::to_string(loc.line) + ", col " + std::to_string(loc.col);
}

RelId add_relation(CheckedProgram& out, const std::string& name, std::uint32_t arity, RelKind kind,
                   SourceLoc loc) {
    RelId id(static_cast<std::uint32_t>(out.relations.size()));
    Relation r;
    r.name = name;
    r.arity = arity;
    r.kind = kind;
    r.first_use = loc;
    out.relations.push_back(std::move(r));
    out.relation_by_name.emplace(name, id);
    return id;
}

std::string arity_message(const Relation& r, std::size_t used) {
    std::string n = std::to_string(used);
    if (r.kind == RelKind::BUILTIN_CRASH)
        return "built-in relation 'crash' has 3 columns (Observer, Crashed, T), not " + n;
    if (r.kind == RelKind::BUILTIN_CLOCK) {
        return "built-in relation 'clock' has 4 columns (From, To, Sent, Delivered), not " + n;
    }
    return "relation '" + r.name + "' has " + n + " argument" + (used == 1 ? "" : "s") + " here but " +
           std::to_string(r.arity) + " at its first use (" + where(r.first_use) + ")";
}

void record_use(const dedalus::Atom& atom, AtomUse use, CheckedProgram& out, Diagnostics& diags) {
    RelId id = out.find(atom.name);
    auto arity = static_cast<std::uint32_t>(atom.args.size());
    if (!id.valid()) id = add_relation(out, atom.name, arity, RelKind::DEFINED, atom.loc);
    Relation& r = out.relations[id.index()];
    if (!r.first_use.known()) r.first_use = atom.loc;  // a built-in's first use in the spec
    if (r.arity != arity) diags.error(atom.loc, arity_message(r, arity));
    if (use == AtomUse::FACT) r.has_facts = true;
    if (use == AtomUse::HEAD) r.has_rules = true;
}

bool is_builtin(const std::string& name) { return name == "crash" || name == "clock"; }

// `x_prov<digits>`: the lineage module names its provenance relations this way.
bool is_provenance_name(const std::string& name) {
    std::size_t digits = name.size();
    while (digits > 0 && name[digits - 1] >= '0' && name[digits - 1] <= '9') --digits;
    const std::string suffix = "_prov";
    return digits < name.size() && digits >= suffix.size() &&
           name.compare(digits - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

void for_each_atom(const dedalus::Program& program,
                   const std::function<void(const dedalus::Atom&, AtomUse)>& f) {
    std::vector<Occurrence> all;
    for (const auto& fact : program.facts) all.push_back({&fact.atom, AtomUse::FACT});
    for (const auto& rule : program.rules) {
        all.push_back({&rule.head, AtomUse::HEAD});
        for (const auto& lit : rule.body) {
            if (lit.kind != dedalus::Literal::Kind::COMPARISON) all.push_back({&lit.atom, AtomUse::BODY});
        }
    }
    std::stable_sort(all.begin(), all.end(), [](const Occurrence& a, const Occurrence& b) {
        return before(a.atom->loc, b.atom->loc);
    });
    for (const Occurrence& o : all) f(*o.atom, o.use);
}

void collect_relations(const dedalus::Program& program, CheckedProgram& out, Diagnostics& diags) {
    out.crash = add_relation(out, "crash", 3, RelKind::BUILTIN_CRASH, SourceLoc{});
    out.clock = add_relation(out, "clock", 4, RelKind::BUILTIN_CLOCK, SourceLoc{});
    for_each_atom(program,
                  [&](const dedalus::Atom& atom, AtomUse use) { record_use(atom, use, out, diags); });
    out.pre = out.find("pre");
    out.post = out.find("post");
}

void check_reserved_names(const dedalus::Program& program, const CheckedProgram& checked,
                          Diagnostics& diags) {
    for_each_atom(program, [&](const dedalus::Atom& atom, AtomUse use) {
        if (use != AtomUse::BODY && is_builtin(atom.name)) {
            diags.error(atom.loc,
                        "'" + atom.name + "' is a built-in relation: a spec may read it but not define it");
        }
    });
    for (const Relation& r : checked.relations) {
        if (is_provenance_name(r.name)) {
            diags.error(r.first_use, "relation name '" + r.name +
                                         "' is reserved (names ending in _prov<N> are used for provenance)");
        }
    }
}

void check_invariant_arity(const CheckedProgram& checked, Diagnostics& diags) {
    if (!checked.pre.valid() || !checked.post.valid()) return;
    const Relation& pre = checked.relation(checked.pre);
    const Relation& post = checked.relation(checked.post);
    if (pre.arity == post.arity) return;
    const Relation& later = before(pre.first_use, post.first_use) ? post : pre;
    const Relation& earlier = &later == &post ? pre : post;
    diags.error(later.first_use, "'pre' and 'post' must have the same arity, but '" + later.name + "' has " +
                                     std::to_string(later.arity) + " and '" + earlier.name + "' has " +
                                     std::to_string(earlier.arity));
}

void warn_remote_heads(const CheckedProgram& checked, Diagnostics& diags) {
    for (const CheckedRule& rule : checked.rules) {
        if (!derives_elsewhere(checked, rule)) continue;
        const std::string& name = checked.relation(rule.head_rel).name;
        diags.warning(rule.loc, remote_head_message(name),
                      {"hint: did you mean @async? (a deductive rule derives at its body's location)"});
    }
}

void warn_undefined_relations(const CheckedProgram& checked, Diagnostics& diags) {
    for (const Relation& r : checked.relations) {
        if (never_defined(r)) {
            diags.warning(r.first_use, undefined_message(checked, r));
        }
    }
}

}  // namespace ldfi::analysis
