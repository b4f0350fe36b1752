// Where the random program generators' choices come from: a seed (tests name a program by it) or
// a fuzzer's input bytes, which steer the generator's choices one by one so that libFuzzer's
// mutations change a program's structure rather than only its seed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace ldfi::test {

/// A source of choices for RandomDedalus and RandomProtocolGen. From a seed it is the Mersenne
/// Twister the generators always used, so a seed names the same program as before. From bytes,
/// each choice takes the next byte (two for a range over 256 values); once the bytes run out it
/// goes on with a Mersenne Twister seeded by all of them, so a short input is a whole program too.
class Choices {
public:
    explicit Choices(std::uint32_t seed) : m_rng(seed) {}
    Choices(const std::uint8_t* data, std::size_t size) : m_bytes(data, data + size), m_rng(hash(m_bytes)) {}

    /// A value in lo..hi (hi >= lo).
    int pick(int lo, int hi) {
        // A seeded choice draws even when lo == hi, as the generators always did.
        if (m_next >= m_bytes.size()) return std::uniform_int_distribution<int>(lo, hi)(m_rng);
        if (hi <= lo) return lo;
        const auto range = static_cast<std::uint32_t>(hi - lo) + 1;
        std::uint32_t value = m_bytes[m_next++];
        if (range > 256 && m_next < m_bytes.size()) value = value << 8 | m_bytes[m_next++];
        return lo + static_cast<int>(value % range);
    }

    /// Shuffles `v` (as std::shuffle with the seeded generator, so seeds keep their programs).
    template <typename T>
    void shuffle(std::vector<T>& v) {
        if (m_next >= m_bytes.size()) {
            std::shuffle(v.begin(), v.end(), m_rng);
            return;
        }
        for (std::size_t i = v.size(); i > 1; --i) {
            std::swap(v[i - 1], v[static_cast<std::size_t>(pick(0, static_cast<int>(i) - 1))]);
        }
    }

    /// How many input bytes the choices so far took.
    [[nodiscard]] std::size_t bytes_used() const { return m_next; }

private:
    static std::uint32_t hash(const std::vector<std::uint8_t>& bytes) {
        std::uint32_t h = 2166136261u;  // FNV-1a
        for (std::uint8_t b : bytes) h = (h ^ b) * 16777619u;
        return h;
    }

    std::vector<std::uint8_t> m_bytes;
    std::size_t m_next = 0;
    std::mt19937 m_rng;
};

}  // namespace ldfi::test
