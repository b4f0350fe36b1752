// `ldfi junit merge`: one JUnit file from several (the shards of a suite, or any of our files).
#include <iostream>

#include "cli.hpp"
#include "junit_merge.hpp"

namespace ldfi::cli {

namespace {

// A JUnit file larger than this is not one ldfi wrote; reading on would only exhaust memory.
constexpr std::size_t MAX_JUNIT_BYTES = std::size_t{256} << 20;

struct MergeOptions {
    std::vector<std::string> inputs;
    std::string output;
};

int merge_command(const MergeOptions& opts) {
    check_output_path(opts.output, false, "--output");
    std::vector<JunitFile> files;
    for (const std::string& path : opts.inputs) {
        files.push_back({path, read_file_capped(path, "JUnit file " + path, MAX_JUNIT_BYTES)});
    }
    const std::string merged = merge_junit(files);
    if (opts.output.empty()) {
        std::cout << merged;
    } else {
        write_file(opts.output, merged);
    }
    return EXIT_OK;
}

}  // namespace

void add_junit_command(CLI::App& app, int& exit_code) {
    CLI::App* junit = app.add_subcommand("junit", "work with JUnit XML files (merge)");
    junit->require_subcommand(1);
    auto opts = std::make_shared<MergeOptions>();
    CLI::App* merge = junit->add_subcommand(
        "merge",
        "join JUnit files into one; the shards of an `ldfi suite --shard` run become the unsharded file");
    merge->add_option("files", opts->inputs, "JUnit XML files (e.g. one per shard)")->required();
    merge->add_option("-o,--output", opts->output,
                      "write the merged file into FILE (default: standard output)");
    merge->callback([opts, &exit_code] { exit_code = merge_command(*opts); });
}

}  // namespace ldfi::cli
