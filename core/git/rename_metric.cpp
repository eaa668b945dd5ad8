#include "core/git/detail/rename_metric.h"

#include <QFile>
#include <algorithm>
#include <cstring>
#include <vector>

namespace shiplog::core::git::detail {

namespace {

constexpr unsigned hashBase = 107927; // git's HASHBASE

struct Signature
{
    size_t size = 0;
    std::vector<std::pair<unsigned, size_t>> spans; // chunk hash → bytes, sorted by hash
};

bool looksBinary(const char* data, size_t size)
{
    return std::memchr(data, '\0', std::min<size_t>(size, 8000)) != nullptr; // git's buffer_is_binary
}

Signature sign(const char* data, size_t size)
{
    Signature signature;
    signature.size = size;
    const bool text = !looksBinary(data, size);
    std::vector<std::pair<unsigned, size_t>> chunks;
    unsigned accum1 = 0;
    unsigned accum2 = 0;
    size_t n = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(data);
    size_t left = size;
    while (left) {
        const unsigned c = *p++;
        const unsigned old1 = accum1;
        --left;
        if (text && c == '\r' && left && *p == '\n')
            continue; // CRLF counts as LF in text
        accum1 = (accum1 << 7) ^ (accum2 >> 25);
        accum2 = (accum2 << 7) ^ (old1 >> 25);
        accum1 += c;
        if (++n < 64 && c != '\n')
            continue;
        chunks.emplace_back((accum1 + accum2 * 0x61) % hashBase, n);
        n = 0;
        accum1 = accum2 = 0;
    }
    if (n > 0)
        chunks.emplace_back((accum1 + accum2 * 0x61) % hashBase, n);
    std::sort(chunks.begin(), chunks.end());
    for (const auto& [hash, bytes] : chunks) {
        if (!signature.spans.empty() && signature.spans.back().first == hash)
            signature.spans.back().second += bytes;
        else
            signature.spans.emplace_back(hash, bytes);
    }
    return signature;
}

int bufferSignature(void** out, const git_diff_file*, const char* buffer, size_t size, void*)
{
    *out = new Signature(sign(buffer, size));
    return 0;
}

int fileSignature(void** out, const git_diff_file*, const char* path, void*)
{
    QFile file(QFile::decodeName(path));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray data = file.readAll();
    *out = new Signature(sign(data.constData(), size_t(data.size())));
    return 0;
}

void freeSignature(void* signature, void*)
{
    delete static_cast<Signature*>(signature);
}

// git's estimate_similarity: bytes of the source also in the destination over the larger size.
int similarity(int* score, void* a, void* b, void*)
{
    const auto* src = static_cast<const Signature*>(a);
    const auto* dst = static_cast<const Signature*>(b);
    *score = 0;
    const size_t maxSize = std::max(src->size, dst->size);
    const size_t baseSize = std::min(src->size, dst->size);
    if (dst->size == 0 || maxSize < 2 * (maxSize - baseSize))
        return 0; // sizes too far apart to reach 50%
    size_t copied = 0;
    auto s = src->spans.begin();
    auto d = dst->spans.begin();
    while (s != src->spans.end() && d != dst->spans.end()) {
        if (s->first < d->first) {
            ++s;
        } else if (d->first < s->first) {
            ++d;
        } else {
            copied += std::min(s->second, d->second);
            ++s;
            ++d;
        }
    }
    *score = int(copied * 100 / maxSize);
    return 0;
}

const git_diff_similarity_metric metric{&fileSignature, &bufferSignature, &freeSignature, &similarity,
                                        nullptr};

} // namespace

const git_diff_similarity_metric* gitRenameMetric()
{
    return &metric;
}

} // namespace shiplog::core::git::detail
