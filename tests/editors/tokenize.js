// Tokenizes .ded files with the TextMate grammar of editors/ as VS Code does (vscode-textmate
// with the Oniguruma regex engine; tests/editors/package-lock.json pins both).
//   node tokenize.js GRAMMAR check FILE...      every token invalid.* or outside any scope but the
//                                               root is printed as FILE:LINE:COL; exit 1 if any
//   node tokenize.js GRAMMAR flagged FILE...    the opposite: exit 1 unless every FILE has one
//   node tokenize.js GRAMMAR lines FILE         exit 1 unless every line of FILE that is not blank
//                                               nor a whole-line comment has an invalid token
//   node tokenize.js GRAMMAR dump FILE          one line per token: LINE:COL 'TEXT' SCOPES
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const ROOT = 'source.dedalus';

async function loadGrammar(grammarPath) {
    const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
            createOnigString: (s) => new oniguruma.OnigString(s),
        }),
        loadGrammar: async (scope) =>
            scope === ROOT ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
    });
    const grammar = await registry.loadGrammar(ROOT);
    if (!grammar) throw new Error(`${grammarPath}: no grammar for ${ROOT}`);
    return grammar;
}

/// Every token of the file: {line, col, text, scopes} with 1-based line and column.
function tokenize(grammar, file) {
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    const out = [];
    let stack = vsctm.INITIAL;
    lines.forEach((text, i) => {
        const r = grammar.tokenizeLine(text, stack);
        for (const t of r.tokens) {
            out.push({ line: i + 1, col: t.startIndex + 1, text: text.slice(t.startIndex, t.endIndex), scopes: t.scopes });
        }
        stack = r.ruleStack;
    });
    return out;
}

/// Why a token is bad, or null: an invalid.* scope, or non-blank text the grammar left unscoped.
function problem(t) {
    const invalid = t.scopes.find((s) => s.startsWith('invalid'));
    if (invalid) return invalid;
    if (t.scopes.length === 1 && /\S/.test(t.text)) return 'no scope';
    return null;
}

function check(grammar, files) {
    let tokens = 0;
    let bad = 0;
    for (const f of files) {
        for (const t of tokenize(grammar, f)) {
            ++tokens;
            const p = problem(t);
            if (p) {
                ++bad;
                console.log(`${f}:${t.line}:${t.col}: ${p}: ${JSON.stringify(t.text)}`);
            }
        }
    }
    console.log(`${files.length} files, ${tokens} tokens, ${bad} invalid or unscoped`);
    return bad === 0;
}

function flagged(grammar, files) {
    let ok = true;
    for (const f of files) {
        const bad = tokenize(grammar, f).filter(problem);
        if (bad.length === 0) {
            ok = false;
            console.log(`${f}: no invalid token, but the file has a lexical error`);
        }
    }
    return ok;
}

function everyLineFlagged(grammar, file) {
    const tokens = tokenize(grammar, file);
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    let ok = true;
    lines.forEach((text, i) => {
        if (!/\S/.test(text) || /^\s*\/\//.test(text)) return;
        if (!tokens.some((t) => t.line === i + 1 && problem(t))) {
            ok = false;
            console.log(`${file}:${i + 1}: no invalid token in ${JSON.stringify(text)}`);
        }
    });
    return ok;
}

function dump(grammar, file) {
    for (const t of tokenize(grammar, file)) {
        if (!/\S/.test(t.text) && t.scopes.length === 1) continue;
        console.log(`${t.line}:${t.col} ${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`);
    }
    return true;
}

async function main(argv) {
    const [grammarPath, mode, ...files] = argv;
    if (!grammarPath || !mode || files.length === 0) {
        console.error('usage: node tokenize.js GRAMMAR check|flagged|lines|dump FILE...');
        return 2;
    }
    const grammar = await loadGrammar(grammarPath);
    const modes = {
        check: () => check(grammar, files),
        flagged: () => flagged(grammar, files),
        lines: () => files.every((f) => everyLineFlagged(grammar, f)),
        dump: () => files.every((f) => dump(grammar, f)),
    };
    if (!modes[mode]) {
        console.error(`unknown mode ${mode}`);
        return 2;
    }
    return modes[mode]() ? 0 : 1;
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
        console.error(e.stack || String(e));
        process.exit(2);
    },
);
