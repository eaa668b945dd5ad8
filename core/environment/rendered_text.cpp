#include "core/environment/rendered_text.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QList>
#include <QRegularExpression>
#include <QSet>

namespace shiplog::core::environment {

namespace {

int indentOf(const QByteArray& line)
{
    int n = 0;
    while (n < line.size() && line.at(n) == ' ')
        ++n;
    return n;
}

} // namespace

QString takeOrigin(QByteArray& document)
{
    static const QByteArray key = QByteArrayLiteral("config.kubernetes.io/origin:");
    const qsizetype at = document.indexOf(key);
    if (at < 0)
        return {};
    QList<QByteArray> lines = document.split('\n');
    QString origin;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (!lines.at(i).trimmed().startsWith(key))
            continue;
        const int indent = indentOf(lines.at(i));
        qsizetype end = i + 1;
        while (end < lines.size() &&
               (lines.at(end).trimmed().isEmpty() || indentOf(lines.at(end)) > indent)) {
            const QByteArray t = lines.at(end).trimmed();
            if (origin.isEmpty() && (t.startsWith("path: ") || t.startsWith("configuredIn: ")))
                origin = QString::fromUtf8(t.mid(t.indexOf(':') + 2).trimmed());
            ++end;
        }
        lines.remove(i, end - i);
        // `annotations:` with nothing left under it goes too.
        if (i > 0 && lines.at(i - 1).trimmed() == "annotations:" &&
            (i >= lines.size() || indentOf(lines.at(i)) <= indentOf(lines.at(i - 1))))
            lines.remove(i - 1);
        break;
    }
    document = lines.join('\n');
    return origin;
}

QByteArray substituteVariables(const QByteArray& document, const QJsonObject& variables, bool keepUnknown)
{
    if (document.contains("kustomize.toolkit.fluxcd.io/substitute: disabled") || !document.contains("${"))
        return document;
    static const QRegularExpression variable(
        QStringLiteral("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[=-])([^}]*))?\\}"));
    const QString text = QString::fromUtf8(document);
    QString result;
    qsizetype last = 0;
    for (auto it = variable.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        result += text.mid(last, m.capturedStart() - last);
        last = m.capturedEnd();
        const QString name = m.captured(1);
        if (variables.contains(name)) {
            const QJsonValue v = variables.value(name);
            result += v.isString()
                          ? v.toString()
                          : QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact))
                                .mid(1)
                                .chopped(1);
        } else if (keepUnknown) {
            result += m.captured(0);
        } else {
            result += m.captured(3); // the default, or empty as Flux leaves it
        }
    }
    result += text.mid(last);
    return result.toUtf8();
}

void setNamespace(manifest::Resource& resource, const QString& namespaceName)
{
    QJsonObject metadata = resource.object.value(u"metadata").toObject();
    metadata.insert(QStringLiteral("namespace"), namespaceName);
    resource.object.insert(QStringLiteral("metadata"), metadata);
    resource.key.namespaceName = namespaceName;
    resource.digest = QCryptographicHash::hash(QJsonDocument(resource.object).toJson(QJsonDocument::Compact),
                                               QCryptographicHash::Sha256);
    // Block style (what kustomize and most files write): "metadata:" then its indented keys.
    QList<QByteArray> lines = resource.text.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (lines.at(i).trimmed() != "metadata:" || indentOf(lines.at(i)) != 0)
            continue;
        const int indent = indentOf(lines.at(i + 1));
        if (indent == 0)
            break;
        lines.insert(i + 1, QByteArray(indent, ' ') + "namespace: " + namespaceName.toUtf8());
        resource.text = lines.join('\n');
        break;
    }
}

bool isClusterScoped(const manifest::ResourceKey& key, const QHash<QString, bool>& crdClusterScoped)
{
    static const QSet<QString> builtIn = {
        QStringLiteral("Namespace"),
        QStringLiteral("Node"),
        QStringLiteral("PersistentVolume"),
        QStringLiteral("ComponentStatus"),
        QStringLiteral("rbac.authorization.k8s.io/ClusterRole"),
        QStringLiteral("rbac.authorization.k8s.io/ClusterRoleBinding"),
        QStringLiteral("apiextensions.k8s.io/CustomResourceDefinition"),
        QStringLiteral("storage.k8s.io/StorageClass"),
        QStringLiteral("storage.k8s.io/CSIDriver"),
        QStringLiteral("storage.k8s.io/CSINode"),
        QStringLiteral("storage.k8s.io/VolumeAttachment"),
        QStringLiteral("scheduling.k8s.io/PriorityClass"),
        QStringLiteral("admissionregistration.k8s.io/ValidatingWebhookConfiguration"),
        QStringLiteral("admissionregistration.k8s.io/MutatingWebhookConfiguration"),
        QStringLiteral("admissionregistration.k8s.io/ValidatingAdmissionPolicy"),
        QStringLiteral("admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding"),
        QStringLiteral("apiregistration.k8s.io/APIService"),
        QStringLiteral("networking.k8s.io/IngressClass"),
        QStringLiteral("node.k8s.io/RuntimeClass"),
        QStringLiteral("certificates.k8s.io/CertificateSigningRequest"),
        QStringLiteral("flowcontrol.apiserver.k8s.io/FlowSchema"),
        QStringLiteral("flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration"),
        QStringLiteral("gateway.networking.k8s.io/GatewayClass"),
        QStringLiteral("cert-manager.io/ClusterIssuer"),
    };
    const QString groupKind = key.groupKind();
    if (builtIn.contains(groupKind))
        return true;
    return crdClusterScoped.value(groupKind, false);
}

QHash<QString, bool> crdScopes(const QList<manifest::Resource>& resources)
{
    QHash<QString, bool> scopes;
    for (const manifest::Resource& r : resources) {
        if (r.key.kind != u"CustomResourceDefinition" || r.key.group != u"apiextensions.k8s.io")
            continue;
        const QJsonObject spec = r.object.value(u"spec").toObject();
        const QString group = spec.value(u"group").toString();
        const QString kind = spec.value(u"names").toObject().value(u"kind").toString();
        scopes.insert(group.isEmpty() ? kind : group + u'/' + kind,
                      spec.value(u"scope").toString() == u"Cluster");
    }
    return scopes;
}

} // namespace shiplog::core::environment
