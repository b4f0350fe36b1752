// Lints over the checked program and the check's nodes; see lint.hpp.
#include "ldfi/analysis/lint.hpp"

#include <algorithm>
#include <set>

#include "ldfi/util/spelling.hpp"

namespace ldfi::analysis {

namespace {

constexpr const char* ADD_NODE = " (add it to --nodes, or to the manifest's \"nodes\")";

bool same_term(const Term& a, const Term& b) {
    if (a.kind != b.kind) return false;
    if (a.kind == Term::Kind::VARIABLE) return a.var == b.var;
    if (a.kind == Term::Kind::CONSTANT) return a.constant == b.constant;
    return a.op == b.op && same_term(*a.lhs, *b.lhs) && same_term(*a.rhs, *b.rhs);
}

const Term* location_term(const CheckedRule& rule) {
    if (rule.location_literal >= rule.body.size()) return nullptr;
    const BodyLiteral& l = rule.body[rule.location_literal];
    if (l.kind != BodyLiteral::Kind::POSITIVE || l.atom.args.empty()) return nullptr;
    return l.atom.args[0].get();
}

const Term* head_location(const CheckedRule& rule) {
    if (rule.head.empty() || rule.head[0].aggregate || !rule.head[0].term) return nullptr;
    return rule.head[0].term.get();
}

class Linter {
public:
    Linter(const CheckedProgram& program, const std::vector<std::string>& nodes)
        : m_program(program), m_nodes(nodes.begin(), nodes.end()) {}

    std::vector<Lint> run() {
        for (const Relation& r : m_program.relations) {
            if (never_defined(r))
                add(LintKind::UNDEFINED, r.name, r.first_use, undefined_message(m_program, r));
        }
        for (const CheckedRule& rule : m_program.rules) rule_locations(rule);
        for (const CheckedRule& rule : m_program.rules) {
            if (derives_elsewhere(m_program, rule)) {
                const std::string& name = m_program.relation(rule.head_rel).name;
                add(LintKind::REMOTE_HEAD, name, rule.loc,
                    remote_head_message(name) + "; did you mean @async?");
            }
        }
        std::stable_sort(m_out.begin(), m_out.end(),
                         [](const Lint& a, const Lint& b) { return a.kind < b.kind; });
        return std::move(m_out);
    }

private:
    void rule_locations(const CheckedRule& rule) {
        const Term* at = location_term(rule);
        if (at && at->kind == Term::Kind::CONSTANT) outside(at->constant, rule.loc, "a rule located at");
        if (rule.suffix != TimeSuffix::ASYNC) return;
        const Term* to = head_location(rule);
        if (to && to->kind == Term::Kind::CONSTANT) outside(to->constant, rule.loc, "a message sent to");
    }

    void outside(const Value& location, SourceLoc loc, const std::string& what) {
        const auto* name = std::get_if<std::string>(&location);
        if (name && m_nodes.count(*name)) return;
        std::string text = name ? *name : format_value(location);
        add(LintKind::LOCATION, text, loc,
            what + " '" + text + "', which is not a node of the check: it never happens" + ADD_NODE);
    }

    void add(LintKind kind, const std::string& name, SourceLoc loc, std::string message) {
        Lint l{kind, name, loc, std::move(message)};
        if (m_keys.insert(l.key()).second) m_out.push_back(std::move(l));
    }

    const CheckedProgram& m_program;
    std::set<std::string> m_nodes;
    std::set<std::string> m_keys;
    std::vector<Lint> m_out;
};

}  // namespace

const char* to_string(LintKind kind) {
    switch (kind) {
        case LintKind::UNDEFINED:
            return "undefined";
        case LintKind::LOCATION:
            return "location";
        case LintKind::VACUOUS:
            return "vacuous";
        case LintKind::REMOTE_HEAD:
            return "remote-head";
    }
    return "?";
}

std::string Lint::key() const {
    return kind == LintKind::VACUOUS ? std::string("vacuous") : std::string(to_string(kind)) + ":" + name;
}

bool never_defined(const Relation& r) { return r.kind == RelKind::DEFINED && !r.has_facts && !r.has_rules; }

bool derives_elsewhere(const CheckedProgram& program, const CheckedRule& rule) {
    // pre and post observe the whole system: they are usually kept at a location of their own.
    if (rule.suffix != TimeSuffix::NONE || rule.location_wildcard || rule.head_rel == program.pre ||
        rule.head_rel == program.post)
        return false;
    const Term* body = location_term(rule);
    const Term* head = head_location(rule);
    return body && head && !same_term(*body, *head);
}

std::string undefined_message(const CheckedProgram& program, const Relation& r) {
    std::vector<std::string> defined;
    for (const Relation& other : program.relations) {
        if (!never_defined(other) && other.arity == r.arity) defined.push_back(other.name);
    }
    auto near = nearest_name(r.name, defined);
    return "relation '" + r.name + "' is read but never defined; it is always empty" +
           (near ? " (did you mean '" + *near + "'?)" : "");
}

std::string remote_head_message(const std::string& relation) {
    return "this rule derives '" + relation +
           "' at another location than its body's, with no message that a fault could lose";
}

std::vector<Lint> lint(const CheckedProgram& program, const std::vector<std::string>& nodes) {
    return Linter(program, nodes).run();
}

Lint unknown_node_lint(const std::string& name) {
    return {LintKind::LOCATION,
            name,
            {},
            std::string("the fault-free run sends messages to or from '") + name +
                "', which is not a node of the check: they are dropped" + ADD_NODE};
}

Lint vacuous_lint() {
    return {LintKind::VACUOUS, "", {}, "no `pre` tuple held in any run: the invariant is vacuous"};
}

bool valid_lint_key(const std::string& key, std::string& error) {
    if (key == "vacuous") return true;
    auto colon = key.find(':');
    std::string kind = key.substr(0, colon);
    if (colon == std::string::npos || colon + 1 == key.size() ||
        (kind != "undefined" && kind != "location" && kind != "remote-head")) {
        error = "\"" + key +
                "\" is not a lint: vacuous, undefined:RELATION, location:NODE or remote-head:RELATION";
        return false;
    }
    return true;
}

}  // namespace ldfi::analysis
