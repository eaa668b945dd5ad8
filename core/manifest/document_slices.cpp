#include "core/manifest/document_slices.h"

namespace shiplog::core::manifest {

namespace {

bool isDocumentMarker(const char* line, qsizetype length)
{
    if (length < 3 || line[0] != '-' || line[1] != '-' || line[2] != '-')
        return false;
    return length == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r' || line[3] == '\n';
}

} // namespace

QList<DocumentSlice> splitDocuments(QByteArrayView data)
{
    QList<DocumentSlice> slices;
    DocumentSlice current;
    qsizetype pos = 0;
    int line = 1;
    const qsizetype n = data.size();
    while (pos < n) {
        const qsizetype eol = data.indexOf('\n', pos);
        const qsizetype next = eol < 0 ? n : eol + 1;
        if (pos > current.begin && isDocumentMarker(data.data() + pos, next - pos)) {
            current.end = pos;
            slices.append(current);
            current = DocumentSlice{pos, pos, line};
        }
        pos = next;
        ++line;
    }
    current.end = n;
    slices.append(current);
    return slices;
}

} // namespace shiplog::core::manifest
