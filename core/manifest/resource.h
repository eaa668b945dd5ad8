#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <memory>
#include <optional>
#include <tuple>

namespace shiplog::core::manifest {

// Who a resource is, as Kubernetes sees it: (API group, kind, namespace, name). The version is not
// part of it (`apps/v1` and `apps/v1beta2` name the same object); cluster-scoped resources have an
// empty namespace.
struct ResourceKey
{
    QString group;         // "" for the core group (apiVersion "v1")
    QString kind;          // "Deployment"
    QString namespaceName; // "" when metadata.namespace is absent
    QString name;

    bool operator==(const ResourceKey&) const = default;
    bool operator<(const ResourceKey& other) const
    {
        return std::tie(group, kind, namespaceName, name) <
               std::tie(other.group, other.kind, other.namespaceName, other.name);
    }

    // "apps/Deployment" or "ConfigMap" (core group).
    QString groupKind() const;
    // "apps/Deployment jx-staging/payments", "Namespace jx" — how the CLI and messages name it.
    QString displayName() const;
    // "apps/Deployment/jx-staging/payments", "Namespace/-/jx" — the CLI's argument form.
    QString toArgument() const;
    // Parses the argument form: [GROUP/]KIND/NAMESPACE/NAME, `-` for no namespace.
    static std::optional<ResourceKey> fromArgument(const QString& text);
};

size_t qHash(const ResourceKey& key, size_t seed = 0) noexcept;

// One resource as read from one YAML document (or one item of a `kind: List`). Secret values are
// already replaced by digests ("sha256:…") here: plain Secret values never live past the parse.
struct Resource
{
    ResourceKey key;
    QString apiVersion; // "apps/v1"
    QString version;    // "v1"
    QJsonObject object; // typed values, resolved like `kubectl apply` (YAML 1.1)
    QByteArray text;    // the document's original YAML (List items, Secrets: re-emitted, masked)
    int line = 1;       // first line of the document in its file (1-based)
    QByteArray digest;  // SHA-256 of the canonical JSON: equal digests = equal values
    bool isSecret() const { return key.group.isEmpty() && key.kind == QLatin1String("Secret"); }
};

// Why a file contributed no resources (or why one document of it was ignored).
struct ParseError
{
    QString path; // file path in the repository ("" while still inside the blob cache)
    int line = 0; // 1-based; 0 when the error is about the whole file
    QString message;
    // The file's content was never examined (the object could not be read, it is over the size
    // limit, it is a Git LFS pointer or binary): what it holds is unknown, not empty.
    bool contentUnknown = false;
};

// Everything one blob holds; what the parse cache stores (path-independent: blobs are shared).
struct ParsedBlob
{
    QList<Resource> resources;
    std::optional<ParseError> error; // set: the file contributed no resources
    qsizetype approximateBytes = 0;  // for the cache's memory bound
    // false: read back from the on-disk cache with identities, versions, lines and digests only
    // (Resource::object and text empty) — what a history index needs, not what a diff view shows.
    bool detailed = true;
};

using ParsedBlobPtr = std::shared_ptr<const ParsedBlob>;

// The API group and version of an apiVersion string ("apps/v1" → "apps", "v1"; "v1" → "", "v1").
std::pair<QString, QString> splitApiVersion(const QString& apiVersion);

} // namespace shiplog::core::manifest
