#include "core/git/detail/commit_parser.h"

#include <cstring>

namespace shiplog::core::git::detail {

namespace {

bool startsWith(const char* line, const char* end, const char* prefix, qsizetype prefixSize)
{
    return end - line >= prefixSize && std::memcmp(line, prefix, size_t(prefixSize)) == 0;
}

// git's isspace(): ASCII blanks only (a no-break space in a subject is kept, as git keeps it).
bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool isSpace(QChar c)
{
    return c.unicode() < 128 && isSpace(char(c.unicode()));
}

bool parseOid(const char* begin, const char* end, git_oid& oid)
{
    return end - begin >= GIT_OID_HEXSZ && git_oid_fromstrn(&oid, begin, GIT_OID_HEXSZ) == 0;
}

QString decodeText(const char* data, qsizetype size, QStringDecoder* decoder)
{
    if (decoder)
        return decoder->decode(QByteArrayView(data, size));
    return QString::fromUtf8(data, size);
}

// The seconds after the last '>' of an ident line, as git's parse_commit_date reads them.
qint64 parseSeconds(const char* line, qsizetype size)
{
    const char* end = line + size;
    const char* gt = end;
    while (gt > line && *(gt - 1) != '>')
        --gt;
    if (gt == line)
        return 0;
    const char* p = gt;
    while (p < end && isSpace(*p))
        ++p;
    quint64 seconds = 0; // unsigned: a corrupt, overlong number wraps instead of being undefined
    while (p < end && *p >= '0' && *p <= '9')
        seconds = seconds * 10 + quint64(*p++ - '0');
    return qint64(seconds);
}

} // namespace

int parseZoneMinutes(const char* begin, const char* end)
{
    if (begin >= end || (*begin != '+' && *begin != '-'))
        return 0;
    int value = 0;
    for (const char* p = begin + 1; p < end && p < begin + 5 && *p >= '0' && *p <= '9'; ++p)
        value = value * 10 + (*p - '0');
    const int minutes = value / 100 * 60 + value % 100;
    return *begin == '-' ? -minutes : minutes;
}

bool parseCommitHeader(const char* data, qsizetype size, CommitHeader& header)
{
    const char* p = data;
    const char* const end = data + size;
    bool haveTree = false;
    while (p < end) {
        const char* eol = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p)));
        if (!eol)
            eol = end;
        if (eol == p) { // the blank line that ends the header
            header.message = p + 1 < end ? p + 1 : end;
            header.messageSize = end - header.message;
            break;
        }
        if (startsWith(p, eol, "tree ", 5)) {
            haveTree = parseOid(p + 5, eol, header.tree);
        } else if (startsWith(p, eol, "parent ", 7)) {
            git_oid parent;
            if (!parseOid(p + 7, eol, parent))
                return false;
            header.parents.append(parent);
        } else if (startsWith(p, eol, "author ", 7)) {
            header.author = p + 7;
            header.authorSize = eol - header.author;
        } else if (startsWith(p, eol, "committer ", 10)) {
            header.committer = p + 10;
            header.committerSize = eol - header.committer;
            header.commitTime = parseSeconds(header.committer, header.committerSize);
        } else if (startsWith(p, eol, "encoding ", 9)) {
            header.encoding = p + 9;
            header.encodingSize = eol - header.encoding;
        }
        // Anything else (gpgsig, mergetag and their continuation lines) is not needed here.
        p = eol + 1;
    }
    if (!header.message)
        header.message = end;
    return haveTree && header.committer;
}

Person parsePerson(const char* line, qsizetype size, QStringDecoder* decoder)
{
    Person person;
    if (!line)
        return person;
    const char* const end = line + size;
    const char* lt = static_cast<const char*>(std::memchr(line, '<', size_t(size)));
    if (!lt) {
        person.name = decodeText(line, size, decoder).trimmed();
        return person;
    }
    const char* nameEnd = lt;
    while (nameEnd > line && isSpace(*(nameEnd - 1)))
        --nameEnd;
    person.name = decodeText(line, nameEnd - line, decoder);
    const char* mailBegin = lt + 1;
    const char* gt = static_cast<const char*>(std::memchr(mailBegin, '>', size_t(end - mailBegin)));
    if (!gt)
        return person;
    person.email = decodeText(mailBegin, gt - mailBegin, decoder);

    const char* lastGt = end;
    while (*(lastGt - 1) != '>')
        --lastGt;
    const char* p = lastGt;
    while (p < end && isSpace(*p))
        ++p;
    quint64 seconds = 0;
    while (p < end && *p >= '0' && *p <= '9')
        seconds = seconds * 10 + quint64(*p++ - '0');
    person.time = qint64(seconds);
    while (p < end && isSpace(*p))
        ++p;
    const char* zoneEnd = p;
    while (zoneEnd < end && !isSpace(*zoneEnd))
        ++zoneEnd;
    person.offsetMinutes = parseZoneMinutes(p, zoneEnd);
    return person;
}

void splitMessage(const QString& message, QString& subject, QString& body)
{
    const qsizetype n = message.size();
    qsizetype pos = 0;
    // One line starting at `pos`: its end (without '\n') and whether it is blank.
    auto lineEnd = [&](qsizetype from) {
        const qsizetype nl = message.indexOf(QLatin1Char('\n'), from);
        return nl < 0 ? n : nl;
    };
    auto rightTrimmed = [&](qsizetype from, qsizetype to) {
        while (to > from && isSpace(message.at(to - 1)))
            --to;
        return to;
    };
    auto skipBlankLines = [&] {
        while (pos < n) {
            const qsizetype e = lineEnd(pos);
            if (rightTrimmed(pos, e) != pos)
                break;
            pos = e < n ? e + 1 : n;
        }
    };

    skipBlankLines();
    subject.clear();
    while (pos < n) {
        const qsizetype e = lineEnd(pos);
        const qsizetype trimmed = rightTrimmed(pos, e);
        if (trimmed == pos)
            break;
        if (!subject.isEmpty())
            subject += QLatin1Char(' ');
        subject += QStringView(message).mid(pos, trimmed - pos);
        pos = e < n ? e + 1 : n;
    }
    skipBlankLines();
    qsizetype bodyEnd = n;
    while (bodyEnd > pos && isSpace(message.at(bodyEnd - 1)))
        --bodyEnd;
    body = message.mid(pos, bodyEnd - pos);
}

CommitInfo toCommitInfo(const git_oid& id, const CommitHeader& header)
{
    CommitInfo info;
    char hex[GIT_OID_HEXSZ];
    git_oid_fmt(hex, &id);
    info.id = QString::fromLatin1(hex, GIT_OID_HEXSZ);
    info.parents.reserve(header.parents.size());
    for (const git_oid& parent : header.parents) {
        git_oid_fmt(hex, &parent);
        info.parents.append(QString::fromLatin1(hex, GIT_OID_HEXSZ));
    }

    // Commits written with i18n.commitEncoding say so; git log re-encodes them to UTF-8.
    std::optional<QStringDecoder> decoder;
    if (header.encoding) {
        const QByteArray name(header.encoding, header.encodingSize);
        if (name.compare("utf-8", Qt::CaseInsensitive) != 0 &&
            name.compare("utf8", Qt::CaseInsensitive) != 0) {
            QStringDecoder candidate(name.constData());
            if (candidate.isValid())
                decoder.emplace(std::move(candidate));
        }
    }
    QStringDecoder* d = decoder ? &*decoder : nullptr;
    info.author = parsePerson(header.author, header.authorSize, d);
    info.committer = parsePerson(header.committer, header.committerSize, d);
    splitMessage(decodeText(header.message, header.messageSize, d), info.subject, info.body);
    return info;
}

} // namespace shiplog::core::git::detail
