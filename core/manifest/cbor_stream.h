#pragma once

// Whole items from a CBOR stream (the on-disk caches read their records as streams, not as
// QCborValue trees).
#include <QByteArray>
#include <QCborStreamReader>
#include <QString>
#include <optional>
#include <string>

namespace shiplog::core::manifest {

// The text or byte string at the reader, in however many chunks it was written; the reader is then
// at the next item. nullopt when the item is of another type or does not read.
template <typename Whole, typename Read> std::optional<Whole> readCborWhole(QCborStreamReader& in, Read read)
{
    Whole whole;
    auto chunk = (in.*read)();
    for (; chunk.status == QCborStreamReader::Ok; chunk = (in.*read)())
        whole += chunk.data;
    if (chunk.status != QCborStreamReader::EndOfString)
        return std::nullopt;
    return whole;
}

inline std::optional<QString> readCborString(QCborStreamReader& in)
{
    if (!in.isString())
        return std::nullopt;
    return readCborWhole<QString>(in, &QCborStreamReader::readString);
}

// A text string's UTF-8 bytes into `buffer` (reused between calls), in however many chunks; the
// reader is then at the next item. False when the item is no text string, is longer than `limit`
// bytes (the whole input's size: a length no input could hold is not allocated) or does not read.
inline bool readCborUtf8(QCborStreamReader& in, std::string& buffer, qsizetype limit)
{
    if (!in.isString())
        return false;
    buffer.clear();
    QCborStreamReader::StringResult<qsizetype> chunk;
    do {
        const qsizetype size = in.currentStringChunkSize();
        if (size < 0 || size > limit - qsizetype(buffer.size()))
            return false;
        const size_t at = buffer.size();
        buffer.resize(at + size_t(size));
        chunk = in.readStringChunk(buffer.data() + at, size);
        if (chunk.status == QCborStreamReader::Ok)
            buffer.resize(at + size_t(chunk.data));
    } while (chunk.status == QCborStreamReader::Ok);
    return chunk.status == QCborStreamReader::EndOfString;
}

inline std::optional<QByteArray> readCborBytes(QCborStreamReader& in)
{
    if (!in.isByteArray())
        return std::nullopt;
    return readCborWhole<QByteArray>(in, &QCborStreamReader::readByteArray);
}

} // namespace shiplog::core::manifest
