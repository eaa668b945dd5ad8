#include "core/manifest/identity_scanner.h"

#include "core/manifest/utf8.h"
#include "core/manifest/yaml_scalar.h"

#include <QCryptographicHash>
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shiplog::core::manifest {

namespace {

using Verdict = ScannedIdentity::Verdict;

// What a reader returns to say "parse it instead".
struct Undecided
{
    const char* reason;
};

// Characters that make a plain scalar (or key) start as something else in YAML, or that we do not
// read (`-` and `?` and `:` start plain scalars only when followed by a non-space: left to the parser).
bool isIndicator(char c)
{
    return std::string_view("-?:,[]{}#&*!|>'\"%@`").find(c) != std::string_view::npos;
}

std::string_view trimRight(std::string_view s)
{
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

size_t skipSpaces(std::string_view s, size_t pos)
{
    while (pos < s.size() && s[pos] == ' ')
        ++pos;
    return pos;
}

// After a complete node: nothing, or a comment (which YAML wants after a space).
bool onlyCommentFrom(std::string_view s, size_t pos)
{
    const size_t at = skipSpaces(s, pos);
    return at == s.size() || (s[at] == '#' && at > pos);
}

using Scalar = std::optional<QString>; // nullopt: Undecided (the reason is set)

// A quoted scalar that starts at s[0] and ends on this line, without escapes; `end` is set past it.
Scalar quoted(std::string_view s, size_t& end, const char*& reason)
{
    const char quote = s[0];
    std::string out;
    for (size_t i = 1; i < s.size(); ++i) {
        const char c = s[i];
        if (quote == '"' && c == '\\') {
            reason = "an escape in a double-quoted scalar";
            return std::nullopt;
        }
        if (c == quote) {
            if (quote == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
                out += '\'';
                ++i;
                continue;
            }
            end = i + 1;
            return QString::fromUtf8(out.data(), qsizetype(out.size()));
        }
        out += c;
    }
    reason = "a quoted scalar over several lines";
    return std::nullopt;
}

// A plain scalar's text that YAML reads as that very string (not a number, boolean, null…).
Scalar plainString(std::string_view text, const char*& reason)
{
    if (text.empty()) {
        reason = "an empty value";
        return std::nullopt;
    }
    if (isIndicator(text.front())) {
        reason = "a value starting with an indicator (anchor, alias, tag, block, flow, …)";
        return std::nullopt;
    }
    if (text.find('\t') != std::string_view::npos) {
        reason = "a tab in a value";
        return std::nullopt;
    }
    const std::string value(text);
    const QJsonValue typed = resolveScalar("?", value);
    const QString asText = QString::fromUtf8(value.data(), qsizetype(value.size()));
    if (!typed.isString() || typed.toString() != asText) {
        reason = "a value that YAML does not read as a string";
        return std::nullopt;
    }
    return asText;
}

// The value of a block mapping entry: `text` is what follows `key:` and its spaces.
Scalar blockValue(std::string_view text, const char*& reason)
{
    if (text.empty() || text.front() == '#') {
        reason = "a value on the next lines (or none)";
        return std::nullopt;
    }
    if (text.front() == '"' || text.front() == '\'') {
        size_t end = 0;
        Scalar value = quoted(text, end, reason);
        if (value && !onlyCommentFrom(text, end)) {
            reason = "text after a quoted scalar";
            return std::nullopt;
        }
        return value;
    }
    const size_t comment = text.find(" #");
    const std::string_view plain = trimRight(text.substr(0, comment));
    if (plain.empty()) {
        reason = "a blank value";
        return std::nullopt;
    }
    if (plain.find(": ") != std::string_view::npos || plain.back() == ':') {
        reason = "a mapping inside a scalar";
        return std::nullopt;
    }
    return plainString(plain, reason);
}

struct Key
{
    std::string_view name;
    size_t valueStart = 0; // first byte after `:` and its spaces
};

// A plain `key:` starting at s[pos]; nullopt when the line is no simple plain key.
std::optional<Key> plainKey(std::string_view s, size_t pos)
{
    if (pos >= s.size() || isIndicator(s[pos]))
        return std::nullopt;
    for (size_t i = pos; i < s.size(); ++i) {
        if ((s[i] == '#' && s[i - 1] == ' ') || s[i] == '\t')
            return std::nullopt; // a comment before any `: `, or a tab the scanner leaves to the parser
        if (s[i] == ':' && (i + 1 == s.size() || s[i + 1] == ' '))
            return Key{trimRight(s.substr(pos, i - pos)), skipSpaces(s, i + 1)};
    }
    return std::nullopt;
}

// Where a quoted scalar that began on an earlier line ends on this one (past its closing quote), or npos.
size_t closeQuote(std::string_view s, char quote)
{
    for (size_t j = 0; j < s.size(); ++j) {
        if (quote == '"' && s[j] == '\\') {
            ++j;
            continue;
        }
        if (s[j] == quote) {
            if (quote == '\'' && j + 1 < s.size() && s[j + 1] == '\'') {
                ++j;
                continue;
            }
            return j + 1;
        }
    }
    return std::string_view::npos;
}

// Past a quoted scalar starting at s[pos] and ending on this line (escapes allowed), or npos.
size_t skipQuoted(std::string_view s, size_t pos)
{
    const size_t end = closeQuote(s.substr(pos + 1), s[pos]);
    return end == std::string_view::npos ? end : pos + 1 + end;
}

// Past a flow collection starting at s[pos] (brackets and quotes balanced on this line), or npos.
size_t skipFlow(std::string_view s, size_t pos)
{
    int depth = 0;
    for (size_t i = pos; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '"' || c == '\'') {
            const size_t end = skipQuoted(s, i);
            if (end == std::string_view::npos)
                return std::string_view::npos;
            i = end - 1;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            if (--depth == 0)
                return i + 1;
        } else if (c == '#' && i > 0 && s[i - 1] == ' ') {
            return std::string_view::npos; // a comment inside: the collection goes on below
        }
    }
    return std::string_view::npos;
}

enum class LineEnd
{
    Closed,      // nothing on this line goes on below it (as far as the scanner cares)
    BlockScalar, // a `|` or `>` scalar starts: its content follows, indented past `blockParent`
};

// Reads one line of a value the scanner skips, far enough to know where its block scalars start
// and where a quoted scalar goes on past the line (`openQuote`: its next lines are its content,
// even those that look like top-level keys); a flow collection over several lines is left to the
// parser. `nodeColumn`: the column of the node owning s[pos] (a key or a `-`).
std::optional<LineEnd> skimLine(std::string_view s, size_t pos, int nodeColumn, int& blockParent,
                                char& openQuote, const char*& reason)
{
    for (;;) {
        pos = skipSpaces(s, pos);
        if (pos >= s.size() || s[pos] == '#')
            return LineEnd::Closed;
        const char c = s[pos];
        if (c == '-' && (pos + 1 == s.size() || s[pos + 1] == ' ')) {
            nodeColumn = int(pos);
            ++pos;
            continue;
        }
        if (c == '?' && (pos + 1 == s.size() || s[pos + 1] == ' ')) {
            reason = "a complex key";
            return std::nullopt;
        }
        if (c == '&' || c == '!' || c == '*') { // a property or an alias: skip its name
            while (pos < s.size() && s[pos] != ' ')
                ++pos;
            if (c == '*') {
                pos = skipSpaces(s, pos);
                if (pos < s.size() && s[pos] == ':') { // `*alias : value`
                    ++pos;
                    continue;
                }
                return LineEnd::Closed;
            }
            continue;
        }
        const int column = int(pos);
        if (c == '"' || c == '\'' || c == '[' || c == '{') {
            const size_t end = c == '[' || c == '{' ? skipFlow(s, pos) : skipQuoted(s, pos);
            if (end == std::string_view::npos) {
                if (c == '"' || c == '\'') {
                    openQuote = c;
                    return LineEnd::Closed;
                }
                reason = "a flow collection over several lines";
                return std::nullopt;
            }
            pos = skipSpaces(s, end);
            if (pos < s.size() && s[pos] == ':' && (pos + 1 == s.size() || s[pos + 1] == ' ')) {
                nodeColumn = column; // it was a key
                ++pos;
                continue;
            }
            return LineEnd::Closed;
        }
        if (c == '|' || c == '>') {
            blockParent = nodeColumn;
            return LineEnd::BlockScalar;
        }
        // A plain scalar: a key when `: ` follows before any comment.
        for (size_t i = pos; i < s.size(); ++i) {
            if (s[i] == '#' && i > pos && s[i - 1] == ' ')
                return LineEnd::Closed;
            if (s[i] == ':' && (i + 1 == s.size() || s[i + 1] == ' ')) {
                nodeColumn = column;
                pos = i + 1;
                break;
            }
            if (i + 1 == s.size())
                return LineEnd::Closed;
        }
    }
}

struct Identity
{
    std::optional<QString> apiVersion;
    std::optional<QString> kind;
    bool metadata = false;     // a `metadata` key
    bool metadataNull = false; // … with no value
    std::optional<QString> name;
    std::optional<QString> namespaceName;
};

// `metadata: {name: a, namespace: b, labels: {…}}` on one line.
std::optional<Undecided> readFlowMetadata(std::string_view s, size_t pos, Identity& id)
{
    ++pos; // '{'
    for (;;) {
        pos = skipSpaces(s, pos);
        if (pos >= s.size())
            return Undecided{"a flow mapping over several lines"};
        if (s[pos] == '}')
            break;
        const size_t keyStart = pos;
        if (isIndicator(s[pos]))
            return Undecided{"a quoted or complex key in a flow mapping"};
        while (pos < s.size() && std::string_view(":,[]{}#").find(s[pos]) == std::string_view::npos)
            ++pos;
        if (pos + 1 >= s.size() || s[pos] != ':' || s[pos + 1] != ' ')
            return Undecided{"a flow mapping entry the scanner does not read"};
        const std::string_view key = trimRight(s.substr(keyStart, pos - keyStart));
        pos = skipSpaces(s, pos + 1);
        if (pos >= s.size())
            return Undecided{"a flow mapping over several lines"};
        Scalar value;
        const char* reason = "";
        if (s[pos] == '{' || s[pos] == '[') {
            const size_t end = skipFlow(s, pos);
            if (end == std::string_view::npos)
                return Undecided{"a flow collection over several lines"};
            if (key == "name" || key == "namespace" || key == "<<")
                return Undecided{"metadata.name or namespace is a collection"};
            pos = end;
        } else if (s[pos] == '"' || s[pos] == '\'') {
            size_t end = 0;
            value = quoted(s.substr(pos), end, reason);
            if (!value)
                return Undecided{reason};
            pos += end;
        } else {
            const size_t valueStart = pos;
            while (pos < s.size() && std::string_view(",[]{}#:").find(s[pos]) == std::string_view::npos)
                ++pos;
            if (pos < s.size() && (s[pos] == ':' || s[pos] == '#' || s[pos] == '[' || s[pos] == '{'))
                return Undecided{"a flow scalar the scanner does not read"};
            value = plainString(trimRight(s.substr(valueStart, pos - valueStart)), reason);
            if (!value && (key == "name" || key == "namespace"))
                return Undecided{reason};
        }
        if (key == "<<")
            return Undecided{"a merge key in metadata"};
        if (key == "name" || key == "namespace") {
            auto& field = key == "name" ? id.name : id.namespaceName;
            if (field)
                return Undecided{"a duplicate key"};
            field = value;
        }
        pos = skipSpaces(s, pos);
        if (pos < s.size() && s[pos] == ',') {
            ++pos;
            continue;
        }
        if (pos < s.size() && s[pos] == '}')
            break;
        return Undecided{"a flow mapping entry the scanner does not read"};
    }
    if (!onlyCommentFrom(s, pos + 1))
        return Undecided{"text after a flow mapping"};
    return std::nullopt;
}

// The slice's text as compared for meaning: comment lines dropped where that cannot change what
// YAML reads, trailing blanks dropped outside block scalars, every line ending in '\n'. Built only
// once it differs from the text (most slices have nothing to drop).
class Normalizer
{
public:
    explicit Normalizer(std::string_view text) : m_text(text) {}

    // A line YAML reads (or block scalar content, `verbatim`) at `indent`; `opensNested`: it ends
    // in a key or marker whose value follows on more indented lines.
    void content(std::string_view line, bool verbatim, int indent, bool opensNested)
    {
        // A comment line between a plain scalar and its more indented continuation ends the
        // scalar (the continuation is then an error): kept there, so that such an edit compares unequal.
        const bool dropComments = m_previousIndent < 0 || indent <= m_previousIndent || m_previousOpens;
        flushPending(dropComments);
        keep(line, verbatim ? line : trimRight(line));
        if (!verbatim) {
            m_previousIndent = indent;
            m_previousOpens = opensNested;
        }
    }
    void blank(std::string_view line) { m_pending.push_back(Pending{line, false}); }
    void comment(std::string_view line) { m_pending.push_back(Pending{line, true}); }

    QByteArray digest()
    {
        flushPending(true); // trailing comments go
        QCryptographicHash hash(QCryptographicHash::Sha1);
        if (m_changed) {
            hash.addData(QByteArrayView(m_out.data(), qsizetype(m_out.size())));
        } else {
            hash.addData(QByteArrayView(m_text.data(), qsizetype(m_text.size())));
            if (!m_text.empty() && m_text.back() != '\n')
                hash.addData(QByteArrayView("\n"));
        }
        return hash.result();
    }

private:
    struct Pending
    {
        std::string_view line;
        bool comment;
    };
    void flushPending(bool dropComments)
    {
        for (const Pending& p : m_pending) {
            if (p.comment && dropComments)
                change();
            else
                keep(p.line, p.comment ? p.line : std::string_view());
        }
        m_pending.clear();
    }
    // From here on the output differs from the text: start it with the text kept so far.
    void change()
    {
        if (m_changed)
            return;
        m_changed = true;
        m_out.assign(m_text.data(), std::min(m_keptUpTo, m_text.size()));
        if (m_keptUpTo > m_text.size())
            m_out += '\n';
    }
    void keep(std::string_view original, std::string_view kept)
    {
        if (!m_changed && kept.size() == original.size()) {
            m_keptUpTo = size_t(original.data() - m_text.data()) + original.size() + 1;
            return;
        }
        change();
        m_out.append(kept);
        m_out += '\n';
    }

    std::string_view m_text;
    std::string m_out;
    size_t m_keptUpTo = 0; // while unchanged: the output is the text up to here
    bool m_changed = false;
    int m_previousIndent = -1;
    bool m_previousOpens = false;
    std::vector<Pending> m_pending; // blank and comment lines waiting for the next content line
};

// Every line from `pos` on that starts at column 0 is a sequence entry (`-` or `- …`), a comment
// or blank. Lines of quoted or block scalars that reach column 0 count against it: undecided is safe.
bool onlySequenceEntriesFrom(std::string_view text, size_t pos)
{
    while (pos < text.size()) {
        size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        const std::string_view line = text.substr(pos, eol - pos);
        pos = eol + 1;
        if (line.empty() || line[0] == ' ' || line[0] == '#')
            continue;
        if (line[0] == '-' && (line.size() == 1 || line[1] == ' '))
            continue;
        if (trimRight(line).empty())
            continue;
        return false;
    }
    return true;
}

ScannedIdentity undecided(const char* reason)
{
    ScannedIdentity result;
    result.verdict = Verdict::Undecided;
    result.reason = reason;
    return result;
}

bool isListKind(const QString& kind)
{
    return kind.endsWith(QLatin1String("List"));
}

} // namespace

ScannedIdentity scanIdentity(QByteArrayView slice)
{
    const std::string_view text(slice.data(), size_t(slice.size()));
    if (text.find('\r') != std::string_view::npos)
        return undecided("a carriage return");
    if (text.find('\0') != std::string_view::npos)
        return undecided("a NUL byte");
    if (firstInvalidUtf8(QByteArrayView(text.data(), qsizetype(text.size()))) >= 0)
        return undecided("invalid UTF-8");
    if (text.starts_with("\xEF\xBB\xBF"))
        return undecided("a byte order mark");

    enum class Top
    {
        None,     // before the root mapping's first key
        Scalar,   // after apiVersion/kind/flow metadata: nothing may go on below
        Metadata, // inside `metadata:`'s block mapping
        Other     // inside any other key's value
    };
    Top top = Top::None;
    bool topHadValue = false; // the current top-level key had a value on its line
    int rootLine = -1;
    int blockParent = -1; // >= 0: inside a block scalar whose lines are indented past this
    char openQuote = 0;   // inside a quoted scalar begun on an earlier line
    bool ended = false;   // after `...`
    int metaIndent = -1;
    bool metaLastIdentity = false; // the last metadata key read was name or namespace
    Identity id;
    Normalizer normal(text);

    size_t pos = 0;
    int lineNumber = -1;
    while (pos < text.size()) {
        size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        const std::string_view line = text.substr(pos, eol - pos);
        pos = eol + 1;
        ++lineNumber;
        const size_t indentEnd = skipSpaces(line, 0);
        const int indent = int(indentEnd);
        const bool blank =
            indentEnd == line.size() || (line[indentEnd] == '\t' && trimRight(line).size() <= indentEnd);
        if (openQuote) {
            normal.content(line, true, indent, false);
            const size_t end = closeQuote(line, openQuote);
            if (end == std::string_view::npos)
                continue;
            openQuote = 0;
            // What follows the closing quote: a comment, or `: value` when the scalar was a key.
            const char* reason = "";
            const size_t next = skipSpaces(line, end);
            if (next < line.size() && line[next] == ':' &&
                !skimLine(line, next + 1, indent, blockParent, openQuote, reason))
                return undecided(reason);
            if (next < line.size() && line[next] != ':' && line[next] != '#')
                return undecided("text after a quoted scalar");
            continue;
        }
        if (blockParent >= 0) {
            if (blank || indent > blockParent) {
                normal.content(line, true, indent, false);
                continue;
            }
            blockParent = -1;
        }
        if (blank) {
            normal.blank(line);
            continue;
        }
        if (line[indentEnd] == '\t')
            return undecided("a tab in the indentation");
        if (line[indentEnd] == '#') {
            normal.comment(line);
            continue;
        }
        if (indent == 0 && line.starts_with("---") && lineNumber == 0) {
            if (!onlyCommentFrom(line, 3))
                return undecided("content on the --- line");
            normal.content(line, false, 0, true);
            continue;
        }
        if (indent == 0 && line.starts_with("...") && (line.size() == 3 || line[3] == ' ')) {
            if (!onlyCommentFrom(line, 3))
                return undecided("content on the ... line");
            ended = true;
            normal.content(line, false, 0, true);
            continue;
        }
        if (ended)
            return undecided("content after the document end (...)");
        bool opensNested = false;
        if (indent == 0) {
            if (line[0] == '%')
                return undecided("a directive");
            if (line[0] == '-' && (line.size() == 1 || line[1] == ' ')) {
                if (top == Top::None) {
                    // A sequence is never a resource; its text compared as it is. yaml-cpp reads a
                    // mapping that follows a top-level sequence at column 0 as a second document
                    // (kubectl's reader refuses it), so only a slice of nothing else is decided here.
                    if (!onlySequenceEntriesFrom(text, pos))
                        return undecided("a top-level sequence followed by other content");
                    ScannedIdentity sequence;
                    sequence.verdict = Verdict::NotResource;
                    sequence.normalizedDigest = Normalizer(text).digest();
                    return sequence;
                }
                if (top != Top::Other || topHadValue)
                    return undecided("a sequence entry where a value was");
                const char* reason = "";
                const auto end = skimLine(line, 0, 0, blockParent, openQuote, reason);
                if (!end)
                    return undecided(reason);
                normal.content(line, false, 0, true);
                continue;
            }
            const auto key = plainKey(line, 0);
            if (!key)
                return undecided("a top-level line that is no plain key");
            if (rootLine < 0)
                rootLine = lineNumber;
            const std::string_view value = line.substr(key->valueStart);
            topHadValue = !value.empty() && value.front() != '#';
            opensNested = !topHadValue;
            if (key->name == "<<")
                return undecided("a merge key");
            if (key->name == "apiVersion" || key->name == "kind") {
                auto& field = key->name == "kind" ? id.kind : id.apiVersion;
                if (field)
                    return undecided("a duplicate key");
                const char* reason = "";
                field = blockValue(value, reason);
                if (!field)
                    return undecided(reason);
                top = Top::Scalar;
            } else if (key->name == "metadata") {
                if (id.metadata)
                    return undecided("a duplicate key");
                id.metadata = true;
                if (!topHadValue) {
                    top = Top::Metadata;
                    id.metadataNull = true;
                    metaIndent = -1;
                    metaLastIdentity = false;
                } else if (value.front() == '{') {
                    if (const auto why = readFlowMetadata(line, key->valueStart, id))
                        return undecided(why->reason);
                    top = Top::Scalar;
                } else {
                    return undecided("metadata is no block or flow mapping");
                }
            } else {
                top = Top::Other;
                const char* reason = "";
                if (!skimLine(line, key->valueStart, 0, blockParent, openQuote, reason))
                    return undecided(reason);
            }
            normal.content(line, false, 0, opensNested);
            continue;
        }
        // An indented line: part of the current top-level key's value.
        const char* reason = "";
        switch (top) {
        case Top::None:
            return undecided("the root is indented");
        case Top::Scalar:
            return undecided("a value goes on over lines");
        case Top::Metadata:
            if (metaIndent < 0)
                metaIndent = indent;
            id.metadataNull = false;
            if (indent == metaIndent) {
                if (line[indentEnd] == '-' && (line.size() == indentEnd + 1 || line[indentEnd + 1] == ' '))
                    return undecided("metadata is a sequence");
                const auto key = plainKey(line, indentEnd);
                if (!key)
                    return undecided("a metadata line that is no plain key");
                const std::string_view value = line.substr(key->valueStart);
                opensNested = value.empty() || value.front() == '#';
                if (key->name == "<<")
                    return undecided("a merge key in metadata");
                metaLastIdentity = key->name == "name" || key->name == "namespace";
                if (metaLastIdentity) {
                    auto& field = key->name == "name" ? id.name : id.namespaceName;
                    if (field)
                        return undecided("a duplicate key");
                    field = blockValue(value, reason);
                    if (!field)
                        return undecided(reason);
                } else if (!skimLine(line, key->valueStart, indent, blockParent, openQuote, reason)) {
                    return undecided(reason);
                }
            } else if (indent > metaIndent) {
                if (metaLastIdentity)
                    return undecided("metadata.name or namespace goes on over lines");
                if (!skimLine(line, indentEnd, indent, blockParent, openQuote, reason))
                    return undecided(reason);
            } else {
                return undecided("metadata's keys are not aligned");
            }
            break;
        case Top::Other:
            if (!skimLine(line, indentEnd, indent, blockParent, openQuote, reason))
                return undecided(reason);
            break;
        }
        normal.content(line, false, indent, opensNested || blockParent >= 0);
    }

    if (openQuote)
        return undecided("a quoted scalar that does not end");
    ScannedIdentity result;
    result.verdict = Verdict::NotResource;
    // Lists' items are resources (the parser's rules for them may grow: any *List kind).
    if (id.kind && isListKind(*id.kind))
        return undecided("a List kind");
    if (id.apiVersion && id.kind && id.metadata && !id.metadataNull && id.name && !id.name->isEmpty() &&
        !id.kind->isEmpty()) {
        result.verdict = Verdict::Resource;
        result.apiVersion = *id.apiVersion;
        result.kind = *id.kind;
        result.name = *id.name;
        result.namespaceName = id.namespaceName.value_or(QString());
        result.line = rootLine;
    }
    result.normalizedDigest = normal.digest();
    return result;
}

} // namespace shiplog::core::manifest
