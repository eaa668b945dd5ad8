#include "core/demo/kube_discovery.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QMap>
#include <QRegularExpression>
#include <algorithm>
#include <tuple>

namespace shiplog::core::demo {

namespace {

using namespace Qt::StringLiterals;

QJsonArray toArray(const QStringList& list)
{
    QJsonArray array;
    for (const QString& s : list)
        array.append(s);
    return array;
}

QJsonObject groupVersion(const QString& group, const QString& version)
{
    return {{u"groupVersion"_s, group + u'/' + version}, {u"version"_s, version}};
}

} // namespace

QJsonObject versionDocument()
{
    return {{u"major"_s, u"1"_s},
            {u"minor"_s, u"32"_s},
            {u"gitVersion"_s, u"v1.32.3"_s},
            {u"gitCommit"_s, u"32cc146f75aad04beaaa245a7157eb35063a9f99"_s},
            {u"gitTreeState"_s, u"clean"_s},
            {u"buildDate"_s, u"2025-03-11T19:52:21Z"_s},
            {u"goVersion"_s, u"go1.23.6"_s},
            {u"compiler"_s, u"gc"_s},
            {u"platform"_s, u"linux/amd64"_s}};
}

QJsonObject coreApiVersions(const QString& serverAddress)
{
    return {{u"kind"_s, u"APIVersions"_s},
            {u"versions"_s, QJsonArray{u"v1"_s}},
            {u"serverAddressByClientCIDRs"_s, QJsonArray{QJsonObject{{u"clientCIDR"_s, u"0.0.0.0/0"_s},
                                                                     {u"serverAddress"_s, serverAddress}}}}};
}

// Kubernetes' version priority (apimachinery version.CompareKubeAwareVersionStrings): GA before
// beta before alpha, higher numbers first, anything else last in name order. The first is the
// preferred version: monitoring.coreos.com serves v1 (preferred) and v1alpha1, never the reverse.
static bool higherPriority(const QString& a, const QString& b)
{
    static const QRegularExpression pattern(QStringLiteral("^v(\\d+)(?:(alpha|beta)(\\d+))?$"));
    const auto rank = [](const QString& v) {
        const QRegularExpressionMatch m = pattern.match(v);
        if (!m.hasMatch())
            return std::tuple(0, 0, 0);
        const int stability = m.captured(2).isEmpty() ? 3 : m.captured(2) == u"beta"_s ? 2 : 1;
        return std::tuple(stability, m.captured(1).toInt(), m.captured(3).toInt());
    };
    const auto ra = rank(a), rb = rank(b);
    return ra != rb ? ra > rb : a < b;
}

static QJsonObject groupObject(const QList<ResourceType>& types, const QString& group)
{
    QStringList versions;
    for (const ResourceType& t : types)
        if (t.group == group && !versions.contains(t.version))
            versions.append(t.version);
    std::sort(versions.begin(), versions.end(), higherPriority);
    QJsonArray versionList;
    for (const QString& v : versions)
        versionList.append(groupVersion(group, v));
    return {{u"name"_s, group},
            {u"versions"_s, versionList},
            {u"preferredVersion"_s, groupVersion(group, versions.value(0))}};
}

QJsonObject apiGroupList(const QList<ResourceType>& types)
{
    QStringList groups;
    for (const ResourceType& t : types)
        if (!t.group.isEmpty() && !groups.contains(t.group))
            groups.append(t.group);
    QJsonArray list;
    for (const QString& g : groups)
        list.append(groupObject(types, g));
    return {{u"kind"_s, u"APIGroupList"_s}, {u"apiVersion"_s, u"v1"_s}, {u"groups"_s, list}};
}

std::optional<QJsonObject> apiGroup(const QList<ResourceType>& types, const QString& group)
{
    for (const ResourceType& t : types)
        if (t.group == group) {
            QJsonObject object = groupObject(types, group);
            object.insert(u"kind"_s, u"APIGroup"_s);
            object.insert(u"apiVersion"_s, u"v1"_s);
            return object;
        }
    return std::nullopt;
}

std::optional<QJsonObject> apiResourceList(const QList<ResourceType>& types, const QString& group,
                                           const QString& version)
{
    QJsonArray resources;
    bool any = false;
    for (const ResourceType& t : types) {
        if (t.group != group || t.version != version)
            continue;
        any = true;
        QJsonObject entry{{u"name"_s, t.resource},
                          {u"singularName"_s, t.singular},
                          {u"namespaced"_s, t.namespaced},
                          {u"kind"_s, t.kind},
                          {u"verbs"_s, toArray(resourceVerbs())}};
        if (!t.shortNames.isEmpty())
            entry.insert(u"shortNames"_s, toArray(t.shortNames));
        if (!t.categories.isEmpty())
            entry.insert(u"categories"_s, toArray(t.categories));
        const QByteArray hash = QCryptographicHash::hash(t.storeKey().toUtf8(), QCryptographicHash::Sha256);
        entry.insert(u"storageVersionHash"_s, QString::fromLatin1(hash.left(8).toBase64()));
        resources.append(entry);
        const QJsonArray subVerbs{u"get"_s, u"patch"_s, u"update"_s};
        if (t.hasStatus)
            resources.append(QJsonObject{{u"name"_s, t.resource + u"/status"_s},
                                         {u"singularName"_s, u""_s},
                                         {u"namespaced"_s, t.namespaced},
                                         {u"kind"_s, t.kind},
                                         {u"verbs"_s, subVerbs}});
        if (t.hasScale)
            resources.append(QJsonObject{{u"name"_s, t.resource + u"/scale"_s},
                                         {u"singularName"_s, u""_s},
                                         {u"namespaced"_s, t.namespaced},
                                         {u"group"_s, u"autoscaling"_s},
                                         {u"version"_s, u"v1"_s},
                                         {u"kind"_s, u"Scale"_s},
                                         {u"verbs"_s, subVerbs}});
    }
    if (!any)
        return std::nullopt;
    QJsonObject list{{u"kind"_s, u"APIResourceList"_s},
                     {u"groupVersion"_s, group.isEmpty() ? version : group + u'/' + version},
                     {u"resources"_s, resources}};
    if (!group.isEmpty())
        list.insert(u"apiVersion"_s, u"v1"_s);
    return list;
}

} // namespace shiplog::core::demo
