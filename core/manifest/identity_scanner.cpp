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
        return hashOutput(m_text.size());
    }
    // The digest of what was read so far, without the blank and comment lines after the last
    // content line (outside block scalars, which hold their own): a List item's, as it ends.
    QByteArray digestOfContent()
    {
        m_pending.clear();
        return hashOutput(m_keptUpTo);
    }

private:
    struct Pending
    {
        std::string_view line;
        bool comment;
    };
    // Unchanged, the output is the text's first `length` bytes (and a '\n' when past its end).
    QByteArray hashOutput(size_t length) const
    {
        // BLAKE2b (libb2): 1.3x SHA-1's speed here, and no collisions known, where a review tool
        // that reads equal digests as "unchanged" should not rest on SHA-1's broken collision
        // resistance. Never stored: the index compares digests of the same run.
        QCryptographicHash hash(QCryptographicHash::Blake2b_160);
        if (m_changed) {
            hash.addData(QByteArrayView(m_out.data(), qsizetype(m_out.size())));
        } else {
            hash.addData(QByteArrayView(m_text.data(), qsizetype(std::min(length, m_text.size()))));
            if (length > m_text.size() ||
                (length == m_text.size() && !m_text.empty() && m_text.back() != '\n'))
                hash.addData(QByteArrayView("\n"));
        }
        return hash.result();
    }
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

bool isSequenceEntry(std::string_view line, size_t at)
{
    return at < line.size() && line[at] == '-' && (at + 1 == line.size() || line[at + 1] == ' ');
}

// Whether a line outside block scalars may hold an alias (`*name` where a node starts). A List
// item's digest covers only its own text, so an alias to an anchor elsewhere would make equal
// texts unequal values: such a List is left to the parser (a `*` in a quoted scalar too, which is safe).
bool mayHoldAlias(std::string_view line)
{
    for (size_t at = line.find('*'); at != std::string_view::npos; at = line.find('*', at + 1)) {
        const bool nodeStart =
            at == 0 || std::string_view(" [{,").find(line[at - 1]) != std::string_view::npos;
        const bool named =
            at + 1 < line.size() && std::string_view(" ,]}").find(line[at + 1]) == std::string_view::npos;
        if (nodeStart && named)
            return true;
    }
    return false;
}

enum class Top
{
    None,     // before the mapping's first key
    Scalar,   // after apiVersion/kind/flow metadata: nothing may go on below
    Metadata, // inside `metadata:`'s block mapping
    Other,    // inside any other key's value
    Items     // the root's `items:` block sequence, read item by item (a *List's resources)
};

// The keys of one block mapping: the document's root (column 0) or a List item's (past its `- `).
struct MappingReader
{
    int column = 0;
    Top top = Top::None;
    bool hadValue = false; // the current key had a value on its line
    Identity id;
    int metaIndent = -1;
    bool metaLastIdentity = false; // the last metadata key read was name or namespace
};

// A line whose plain key starts at the mapping's column. `opensNested`: its value follows below;
// `keyName`: the key read.
std::optional<Undecided> readKey(MappingReader& m, std::string_view line, int& blockParent, char& openQuote,
                                 bool& opensNested, std::string_view& keyName)
{
    const auto key = plainKey(line, size_t(m.column));
    if (!key)
        return Undecided{m.column == 0 ? "a top-level line that is no plain key"
                                       : "a List item's line that is no plain key"};
    keyName = key->name;
    const std::string_view value = line.substr(key->valueStart);
    m.hadValue = !value.empty() && value.front() != '#';
    opensNested = !m.hadValue;
    if (key->name == "<<")
        return Undecided{"a merge key"};
    if (key->name == "apiVersion" || key->name == "kind") {
        auto& field = key->name == "kind" ? m.id.kind : m.id.apiVersion;
        if (field)
            return Undecided{"a duplicate key"};
        const char* reason = "";
        field = blockValue(value, reason);
        if (!field)
            return Undecided{reason};
        m.top = Top::Scalar;
    } else if (key->name == "metadata") {
        if (m.id.metadata)
            return Undecided{"a duplicate key"};
        m.id.metadata = true;
        if (!m.hadValue) {
            m.top = Top::Metadata;
            m.id.metadataNull = true;
            m.metaIndent = -1;
            m.metaLastIdentity = false;
        } else if (value.front() == '{') {
            if (const auto why = readFlowMetadata(line, key->valueStart, m.id))
                return why;
            m.top = Top::Scalar;
        } else {
            return Undecided{"metadata is no block or flow mapping"};
        }
    } else {
        m.top = Top::Other;
        const char* reason = "";
        if (!skimLine(line, key->valueStart, m.column, blockParent, openQuote, reason))
            return Undecided{reason};
    }
    return std::nullopt;
}

// A `-` line at the mapping's column: an entry of the sequence the last key opened.
std::optional<Undecided> readSequenceEntry(MappingReader& m, std::string_view line, int& blockParent,
                                           char& openQuote)
{
    if (m.top != Top::Other || m.hadValue)
        return Undecided{"a sequence entry where a value was"};
    const char* reason = "";
    if (!skimLine(line, size_t(m.column), m.column, blockParent, openQuote, reason))
        return Undecided{reason};
    return std::nullopt;
}

// A line indented past the mapping's column: part of the current key's value.
std::optional<Undecided> readNested(MappingReader& m, std::string_view line, size_t indentEnd,
                                    int& blockParent, char& openQuote, bool& opensNested)
{
    const int indent = int(indentEnd);
    const char* reason = "";
    switch (m.top) {
    case Top::None:
        return Undecided{"the root is indented"};
    case Top::Scalar:
        return Undecided{"a value goes on over lines"};
    case Top::Items:
        return Undecided{"a List's items the scanner does not read"};
    case Top::Metadata:
        if (m.metaIndent < 0)
            m.metaIndent = indent;
        m.id.metadataNull = false;
        if (indent == m.metaIndent) {
            if (isSequenceEntry(line, indentEnd))
                return Undecided{"metadata is a sequence"};
            const auto key = plainKey(line, indentEnd);
            if (!key)
                return Undecided{"a metadata line that is no plain key"};
            const std::string_view value = line.substr(key->valueStart);
            opensNested = value.empty() || value.front() == '#';
            if (key->name == "<<")
                return Undecided{"a merge key in metadata"};
            m.metaLastIdentity = key->name == "name" || key->name == "namespace";
            if (m.metaLastIdentity) {
                auto& field = key->name == "name" ? m.id.name : m.id.namespaceName;
                if (field)
                    return Undecided{"a duplicate key"};
                field = blockValue(value, reason);
                if (!field)
                    return Undecided{reason};
            } else if (!skimLine(line, key->valueStart, indent, blockParent, openQuote, reason)) {
                return Undecided{reason};
            }
        } else if (indent > m.metaIndent) {
            if (m.metaLastIdentity)
                return Undecided{"metadata.name or namespace goes on over lines"};
            if (!skimLine(line, indentEnd, indent, blockParent, openQuote, reason))
                return Undecided{reason};
        } else {
            return Undecided{"metadata's keys are not aligned"};
        }
        break;
    case Top::Other:
        if (!skimLine(line, indentEnd, indent, blockParent, openQuote, reason))
            return Undecided{reason};
        break;
    }
    return std::nullopt;
}

// Whether a mapping's keys make a resource, as the parser's resourceFrom says.
bool isResource(const Identity& id)
{
    return id.apiVersion && id.kind && id.metadata && !id.metadataNull && id.name && !id.name->isEmpty() &&
           !id.kind->isEmpty();
}

// The slice's normalized text and, while a List item is read, the item's.
struct Normalizers
{
    Normalizer slice;
    std::optional<Normalizer> item;

    void content(std::string_view line, bool verbatim, int indent, bool opensNested)
    {
        slice.content(line, verbatim, indent, opensNested);
        if (item)
            item->content(line, verbatim, indent, opensNested);
    }
    void blank(std::string_view line)
    {
        slice.blank(line);
        if (item)
            item->blank(line);
    }
    void comment(std::string_view line)
    {
        slice.comment(line);
        if (item)
            item->comment(line);
    }
};

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

    MappingReader root;
    int rootLine = -1;
    int blockParent = -1; // >= 0: inside a block scalar whose lines are indented past this
    char openQuote = 0;   // inside a quoted scalar begun on an earlier line
    bool ended = false;   // after `...`
    Normalizers normal{Normalizer(text), std::nullopt};

    // The root's `items` (what makes a *List's resources): read as a block sequence of block
    // mappings where the scanner can; anything else there is noted and read as any other value.
    bool itemsKey = false;
    bool itemsEmpty = false;       // `items: []`
    int itemsIndent = -1;          // the column of its `-` (0 or more), once met
    const char* itemsProblem = ""; // why the items were not read ("" while they are)
    std::optional<MappingReader> item;
    QList<ScannedItem> items;
    const auto finishItem = [&] {
        if (!item)
            return;
        if (isResource(item->id)) {
            ScannedItem scanned;
            scanned.apiVersion = *item->id.apiVersion;
            scanned.kind = *item->id.kind;
            scanned.name = *item->id.name;
            scanned.namespaceName = item->id.namespaceName.value_or(QString());
            scanned.normalizedDigest = normal.item->digestOfContent();
            items.append(std::move(scanned));
        }
        item.reset();
        normal.item.reset();
    };
    // The items cannot be read item by item: from here on they are any other value.
    const auto giveUpItems = [&](const char* why) {
        itemsProblem = why;
        item.reset();
        normal.item.reset();
        root.top = Top::Other;
        root.hadValue = false;
    };

    size_t pos = 0;
    int lineNumber = -1;
    while (pos < text.size()) {
        size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        const std::string_view line = text.substr(pos, eol - pos);
        const size_t lineStart = pos;
        pos = eol + 1;
        ++lineNumber;
        const size_t indentEnd = skipSpaces(line, 0);
        const int indent = int(indentEnd);
        const bool blank =
            indentEnd == line.size() || (line[indentEnd] == '\t' && trimRight(line).size() <= indentEnd);
        if (openQuote) {
            normal.content(line, true, indent, false);
            if (root.top == Top::Items && mayHoldAlias(line))
                giveUpItems("an alias in a List's items");
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
            finishItem();
            ended = true;
            normal.content(line, false, 0, true);
            continue;
        }
        if (ended)
            return undecided("content after the document end (...)");
        if (root.top == Top::Items) {
            const bool entry = isSequenceEntry(line, indentEnd);
            if (itemsIndent < 0 && entry)
                itemsIndent = indent;
            if (itemsIndent < 0)
                giveUpItems("a List's items that are no block sequence");
            else if (mayHoldAlias(line))
                giveUpItems("an alias in a List's items");
        }
        if (root.top == Top::Items) {
            const bool entry = isSequenceEntry(line, indentEnd);
            bool opensNested = false;
            std::optional<Undecided> problem;
            if (entry && indent == itemsIndent) {
                finishItem();
                const size_t at = skipSpaces(line, indentEnd + 1);
                if (at >= line.size() || line[at] == '#' || isSequenceEntry(line, at)) {
                    problem = Undecided{"a List item that is no block mapping on its line"};
                } else {
                    item.emplace();
                    item->column = int(at);
                    normal.item.emplace(text.substr(lineStart));
                    std::string_view keyName;
                    problem = readKey(*item, line, blockParent, openQuote, opensNested, keyName);
                }
            } else if (item && indent > itemsIndent) {
                if (indent == item->column) {
                    if (isSequenceEntry(line, indentEnd)) {
                        problem = readSequenceEntry(*item, line, blockParent, openQuote);
                        opensNested = true;
                    } else {
                        std::string_view keyName;
                        problem = readKey(*item, line, blockParent, openQuote, opensNested, keyName);
                    }
                } else if (indent > item->column) {
                    problem = readNested(*item, line, indentEnd, blockParent, openQuote, opensNested);
                } else {
                    problem = Undecided{"a List item's keys are not aligned"};
                }
            } else if (indent == 0 && !entry) {
                finishItem(); // the items end: a root key follows (read below)
                root.top = Top::Scalar;
            } else {
                problem = Undecided{"a List's items the scanner does not read"};
            }
            if (problem) {
                // Where the item's reader failed it changed nothing the rest of the slice needs
                // (block scalar and quote state only change on success): read the line again as
                // any value's.
                giveUpItems(problem->reason);
            } else if (root.top == Top::Items) {
                normal.content(line, false, indent, opensNested || blockParent >= 0);
                continue;
            }
        }
        bool opensNested = false;
        if (indent == 0) {
            if (line[0] == '%')
                return undecided("a directive");
            if (isSequenceEntry(line, 0)) {
                if (root.top == Top::None) {
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
                if (const auto why = readSequenceEntry(root, line, blockParent, openQuote))
                    return undecided(why->reason);
                normal.content(line, false, 0, true);
                continue;
            }
            if (rootLine < 0)
                rootLine = lineNumber;
            std::string_view keyName;
            if (const auto why = readKey(root, line, blockParent, openQuote, opensNested, keyName))
                return undecided(why->reason);
            if (keyName == "items") {
                if (itemsKey)
                    return undecided("a duplicate key");
                itemsKey = true;
                if (!root.hadValue) {
                    root.top = Top::Items;
                } else {
                    const size_t value = line.find(':') + 1;
                    const size_t at = skipSpaces(line, value);
                    itemsEmpty = line.substr(at).starts_with("[]") && onlyCommentFrom(line, at + 2);
                }
            }
            normal.content(line, false, 0, opensNested);
            continue;
        }
        // An indented line: part of the current top-level key's value.
        if (const auto why = readNested(root, line, indentEnd, blockParent, openQuote, opensNested))
            return undecided(why->reason);
        normal.content(line, false, indent, opensNested || blockParent >= 0);
    }

    if (openQuote)
        return undecided("a quoted scalar that does not end");
    finishItem();
    ScannedIdentity result;
    result.verdict = Verdict::NotResource;
    const Identity& id = root.id;
    if (id.kind && isListKind(*id.kind)) {
        // The parser reads a *List with an `items` sequence as its items' resources (the List
        // itself is none); a List without one is read as any document (left to the parser).
        const bool sequence = itemsKey && itemsIndent >= 0 && *itemsProblem == '\0';
        if (!sequence && !itemsEmpty)
            return undecided(*itemsProblem ? itemsProblem : "a List kind");
        result.verdict = Verdict::List;
        result.items = sequence ? items : QList<ScannedItem>();
        result.line = rootLine;
        // No digest of the whole List: only its items are resources, each with its own. Hashing a
        // List of several MB again for nothing was a third of kube-prometheus' cold index.
        return result;
    } else if (isResource(id)) {
        result.verdict = Verdict::Resource;
        result.apiVersion = *id.apiVersion;
        result.kind = *id.kind;
        result.name = *id.name;
        result.namespaceName = id.namespaceName.value_or(QString());
        result.line = rootLine;
    }
    result.normalizedDigest = normal.slice.digest();
    return result;
}

} // namespace shiplog::core::manifest
