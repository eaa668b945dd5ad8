#include "core/manifest/manifest_parser.h"

#include "core/manifest/document_cache.h"
#include "core/manifest/document_slices.h"
#include "core/manifest/secrets.h"
#include "core/manifest/utf8.h"
#include "core/manifest/yaml_writer.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace shiplog::core::manifest {

namespace {

int lineAt(const QByteArray& data, qsizetype offset)
{
    return int(QByteArrayView(data.constData(), offset).count('\n')) + 1;
}

QString stringMember(const QJsonObject& object, const QString& name)
{
    const QJsonValue v = object.value(name);
    return v.isString() ? v.toString() : QString();
}

// kubectl refuses a name or namespace that YAML reads as something other than a string (`name: 123`,
// `namespace: no`, `on`, `1.0`, `~`, `007`): silently dropping the resource, or moving it to the
// cluster scope, would be a lie. "" when the identity is fine or the document is no resource.
QString identityProblem(const QJsonObject& object)
{
    if (!object.value(QLatin1String("apiVersion")).isString() ||
        !object.value(QLatin1String("kind")).isString())
        return {};
    const QJsonObject meta = object.value(QLatin1String("metadata")).toObject();
    for (const char* field : {"name", "namespace"}) {
        const QJsonValue v = meta.value(QLatin1String(field));
        if (v.isString() || v.isUndefined())
            continue;
        const QString read = v.isBool()
                                 ? QStringLiteral("the boolean %1").arg(v.toBool() ? u"true" : u"false")
                             : v.isDouble() ? QStringLiteral("the number %1").arg(v.toDouble())
                             : v.isNull()   ? QStringLiteral("null")
                                            : QStringLiteral("a mapping or a list");
        return QStringLiteral("metadata.%1 of this %2 is %3, not a string (YAML reads unquoted no, yes, on, "
                              "~, 1.0, 007 so); "
                              "quote the value, as kubectl requires")
            .arg(QLatin1String(field), object.value(QLatin1String("kind")).toString(), read);
    }
    return {};
}

std::optional<Resource> resourceFrom(const QJsonObject& object)
{
    const QJsonValue apiVersion = object.value(QLatin1String("apiVersion"));
    const QJsonValue kind = object.value(QLatin1String("kind"));
    const QJsonValue metadata = object.value(QLatin1String("metadata"));
    if (!apiVersion.isString() || !kind.isString() || !metadata.isObject())
        return std::nullopt;
    const QJsonObject meta = metadata.toObject();
    const QJsonValue name = meta.value(QLatin1String("name"));
    if (!name.isString() || name.toString().isEmpty() || kind.toString().isEmpty())
        return std::nullopt;
    Resource r;
    r.apiVersion = apiVersion.toString();
    const auto [group, version] = splitApiVersion(r.apiVersion);
    r.key.group = group;
    r.version = version;
    r.key.kind = kind.toString();
    r.key.namespaceName = stringMember(meta, QStringLiteral("namespace"));
    r.key.name = name.toString();
    r.object = object;
    return r;
}

void finish(Resource& r, const QByteArray& originalText)
{
    if (r.isSecret()) {
        digestSecretValues(r.object);
        r.text.clear(); // shown only re-emitted from masked values
    } else {
        r.text = originalText.isNull() ? toYaml(r.object) : originalText;
    }
    const QByteArray canonical = QJsonDocument(r.object).toJson(QJsonDocument::Compact);
    r.digest = QCryptographicHash::hash(canonical, QCryptographicHash::Sha256);
}

ParsedBlob failed(int line, QString message)
{
    ParsedBlob blob;
    blob.error = ParseError{QString(), line, std::move(message)};
    blob.approximateBytes = 256;
    return blob;
}

// A file whose content the parser did not examine (see ParseError::contentUnknown).
ParsedBlob unexamined(QString message)
{
    ParsedBlob blob;
    blob.error = ParseError{QString(), 0, std::move(message), true};
    blob.approximateBytes = 256;
    return blob;
}

QString megabytes(qsizetype bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}

} // namespace

bool isManifestPath(const QString& path)
{
    return path.endsWith(QLatin1String(".yaml"), Qt::CaseInsensitive) ||
           path.endsWith(QLatin1String(".yml"), Qt::CaseInsensitive);
}

ParsedDocument parseDocument(const QByteArray& text, const ReadLimits& limits)
{
    ParsedDocument parsed;
    const YamlReadResult read = readYamlDocuments(text.toStdString(), limits);
    if (read.error) {
        parsed.error = read.error;
        parsed.approximateBytes = 256 + text.size();
        return parsed;
    }
    const bool single = read.documents.size() == 1;
    for (const YamlDocument& document : read.documents) {
        if (!document.value.isObject())
            continue;
        const QJsonObject object = document.value.toObject();
        // kubectl reads every kind ending in List with an items array as a list (RoleList,
        // ConfigMapList, …), not only kind: List; its items are the resources.
        if (stringMember(object, QStringLiteral("kind")).endsWith(QLatin1String("List")) &&
            object.value(QLatin1String("items")).isArray()) {
            for (const QJsonValue& item : object.value(QLatin1String("items")).toArray()) {
                if (!item.isObject())
                    continue;
                if (const QString problem = identityProblem(item.toObject()); !problem.isEmpty())
                    return ParsedDocument{
                        {}, ParseError{QString(), document.line, problem}, 256 + text.size()};
                if (auto r = resourceFrom(item.toObject())) {
                    r->line = document.line;
                    finish(*r, QByteArray());
                    parsed.resources.append(std::move(*r));
                }
            }
            continue;
        }
        if (const QString problem = identityProblem(object); !problem.isEmpty())
            return ParsedDocument{{}, ParseError{QString(), document.line, problem}, 256 + text.size()};
        if (auto r = resourceFrom(object)) {
            r->line = document.line;
            finish(*r, single ? text : QByteArray());
            parsed.resources.append(std::move(*r));
        }
    }
    qsizetype bytes = 256 + text.size();
    for (const Resource& r : std::as_const(parsed.resources))
        bytes += 256 + r.text.size() * 3; // the JSON tree costs a few times its text
    parsed.approximateBytes = bytes;
    return parsed;
}

bool isLfsPointer(QByteArrayView data)
{
    return data.size() < 1024 && data.startsWith("version https://git-lfs.github.com/spec/v1\n");
}

ParsedBlob parseManifest(const QByteArray& data, const ParseOptions& options, DocumentCache* documents)
{
    if (data.size() > options.maxFileBytes) {
        return unexamined(QStringLiteral("the file is %1 MB; Shiplog reads manifest files up to %2 MB")
                              .arg(megabytes(data.size()), megabytes(options.maxFileBytes)));
    }
    // git's own test for binary content: a NUL byte in the first 8000 bytes.
    if (QByteArrayView(data.constData(), qMin<qsizetype>(data.size(), 8000)).contains('\0'))
        return unexamined(QStringLiteral("the file is binary, not YAML"));
    if (isLfsPointer(data)) {
        return unexamined(
            QStringLiteral("the file is a Git LFS pointer: its content is not in the repository "
                           "(`git lfs pull` fetches it)"));
    }

    ParsedBlob blob;
    const QList<DocumentSlice> slices = splitDocuments(data);
    const ReadLimits limits = options.limits;
    // UTF-8 is checked per slice, on the slices parsed now: a slice met before (most of a big
    // multi-document file at its next version) was checked then.
    const auto parse = [&limits](const QByteArray& text) {
        if (const qsizetype bad = firstInvalidUtf8(text); bad >= 0) {
            ParsedDocument invalid;
            const qsizetype lineStart = text.lastIndexOf('\n', bad) + 1; // 0 when on the first line
            invalid.error = ParseError{
                QString(), lineAt(text, bad) - 1,
                QStringLiteral("the file is not valid UTF-8 (byte %1 of the line)").arg(bad - lineStart + 1)};
            invalid.approximateBytes = 256;
            return invalid;
        }
        return parseDocument(text, limits);
    };
    for (const DocumentSlice& slice : slices) {
        const bool whole = slice.begin == 0 && slice.end == data.size();
        const QByteArray text = whole ? data : data.mid(slice.begin, slice.end - slice.begin);
        // A slice reads the same wherever it sits (its lines are relative), so equal texts share one parse.
        const ParsedDocumentPtr parsed =
            documents ? documents->get(text, parse) : std::make_shared<const ParsedDocument>(parse(text));
        if (parsed->error) {
            if (data.contains("{{")) {
                const int templateLine = lineAt(data, data.indexOf("{{"));
                return failed(templateLine,
                              QStringLiteral("the file is a template ({{ … }} at line %1), not plain YAML")
                                  .arg(templateLine));
            }
            return failed(slice.firstLine + parsed->error->line, parsed->error->message);
        }
        for (const Resource& r : parsed->resources) {
            blob.resources.append(r);
            blob.resources.back().line += slice.firstLine;
        }
    }
    qsizetype bytes = 512 + data.size();
    for (const Resource& r : std::as_const(blob.resources))
        bytes += 256 + r.text.size() * 3; // the JSON tree costs a few times its text
    blob.approximateBytes = bytes;
    return blob;
}

} // namespace shiplog::core::manifest
