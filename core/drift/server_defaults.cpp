#include "core/drift/server_defaults.h"

#include <QJsonArray>

namespace shiplog::core::drift {

namespace {

class Defaulter
{
public:
    explicit Defaulter(QSet<QString>* defaulted) : m_defaulted(defaulted) {}

    void set(QJsonObject& o, const QString& path, const char* key, const QJsonValue& value)
    {
        const QString k = QString::fromLatin1(key);
        if (o.contains(k) && !o.value(k).isNull())
            return;
        o.insert(k, value);
        if (m_defaulted)
            m_defaulted->insert(path.isEmpty() ? k : path + u'.' + k);
    }

    // Applies `f` to the object at `key` (creating it only when `create`), writing it back.
    template <typename F> void in(QJsonObject& o, const QString& path, const char* key, bool create, F&& f)
    {
        const QString k = QString::fromLatin1(key);
        if (!o.value(k).isObject() && !create)
            return;
        QJsonObject child = o.value(k).toObject();
        const bool existed = o.value(k).isObject();
        f(child, path.isEmpty() ? k : path + u'.' + k);
        if (existed || !child.isEmpty())
            o.insert(k, child);
    }

    // Applies `f` to every item of the keyed list at `key`.
    template <typename F>
    void items(QJsonObject& o, const QString& path, const char* key, const char* listKey, F&& f)
    {
        const QString k = QString::fromLatin1(key);
        if (!o.value(k).isArray())
            return;
        QJsonArray list = o.value(k).toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            QJsonObject item = list[i].toObject();
            const QJsonValue id = item.value(QString::fromLatin1(listKey));
            const QString idText = id.isDouble() ? QString::number(id.toDouble(), 'g', 17) : id.toString();
            f(item, QStringLiteral("%1.%2[%3=%4]").arg(path, k, QString::fromLatin1(listKey), idText));
            list[i] = item;
        }
        o.insert(k, list);
    }

    void probe(QJsonObject& p, const QString& path)
    {
        set(p, path, "timeoutSeconds", 1);
        set(p, path, "periodSeconds", 10);
        set(p, path, "successThreshold", 1);
        set(p, path, "failureThreshold", 3);
        in(p, path, "httpGet", false, [this](QJsonObject& h, const QString& hp) {
            set(h, hp, "path", QStringLiteral("/"));
            set(h, hp, "scheme", QStringLiteral("HTTP"));
        });
    }

    void container(QJsonObject& c, const QString& path)
    {
        if (!c.contains(u"imagePullPolicy")) {
            const QString image = c.value(u"image").toString();
            const QString last = image.section(u'/', -1);
            const bool digest = image.contains(u'@');
            const bool latest = !digest && (!last.contains(u':') || last.endsWith(u":latest"));
            set(c, path, "imagePullPolicy",
                latest ? QStringLiteral("Always") : QStringLiteral("IfNotPresent"));
        }
        set(c, path, "terminationMessagePath", QStringLiteral("/dev/termination-log"));
        set(c, path, "terminationMessagePolicy", QStringLiteral("File"));
        items(c, path, "ports", "containerPort", [this](QJsonObject& port, const QString& pp) {
            set(port, pp, "protocol", QStringLiteral("TCP"));
        });
        for (const char* probeName : {"livenessProbe", "readinessProbe", "startupProbe"})
            in(c, path, probeName, false, [this](QJsonObject& p, const QString& pp) { probe(p, pp); });
        items(c, path, "env", "name", [this](QJsonObject& env, const QString& ep) {
            in(env, ep, "valueFrom", false, [this](QJsonObject& from, const QString& fp) {
                in(from, fp, "fieldRef", false, [this](QJsonObject& ref, const QString& rp) {
                    set(ref, rp, "apiVersion", QStringLiteral("v1"));
                });
            });
        });
    }

    void podSpec(QJsonObject& s, const QString& path)
    {
        set(s, path, "dnsPolicy", QStringLiteral("ClusterFirst"));
        set(s, path, "restartPolicy", QStringLiteral("Always"));
        set(s, path, "securityContext", QJsonObject{});
        set(s, path, "terminationGracePeriodSeconds", 30);
        set(s, path, "schedulerName", QStringLiteral("default-scheduler"));
        for (const char* list : {"containers", "initContainers"})
            items(s, path, list, "name", [this](QJsonObject& c, const QString& cp) { container(c, cp); });
        items(s, path, "volumes", "name", [this](QJsonObject& v, const QString& vp) {
            for (const char* source : {"secret", "configMap", "downwardAPI", "projected"})
                in(v, vp, source, false, [this, source](QJsonObject& src, const QString& sp) {
                    set(src, sp, "defaultMode", 420);
                    if (qstrcmp(source, "projected") == 0 && src.value(u"sources").isArray()) {
                        QJsonArray sources = src.value(u"sources").toArray();
                        for (qsizetype i = 0; i < sources.size(); ++i) {
                            QJsonObject item = sources[i].toObject();
                            in(item, QStringLiteral("%1.sources[%2]").arg(sp).arg(i), "serviceAccountToken",
                               false, [this](QJsonObject& t, const QString& tp) {
                                   set(t, tp, "expirationSeconds", 3600);
                               });
                            sources[i] = item;
                        }
                        src.insert(QStringLiteral("sources"), sources);
                    }
                });
        });
    }

    void podTemplate(QJsonObject& spec, const QString& path)
    {
        in(spec, path, "template", false, [this](QJsonObject& t, const QString& tp) {
            in(t, tp, "spec", false, [this](QJsonObject& s, const QString& sp) { podSpec(s, sp); });
        });
    }

    void jobSpec(QJsonObject& s, const QString& path)
    {
        set(s, path, "completions", 1);
        set(s, path, "parallelism", 1);
        set(s, path, "backoffLimit", 6);
        set(s, path, "completionMode", QStringLiteral("NonIndexed"));
        set(s, path, "suspend", false);
        podTemplate(s, path);
    }

    void apply(QJsonObject& o)
    {
        const QString apiVersion = o.value(u"apiVersion").toString();
        const QString group = apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
        const QString kind = o.value(u"kind").toString();
        auto spec = [&](auto&& f) { in(o, QString(), "spec", true, f); };
        if (group == u"apps" && kind == u"Deployment") {
            spec([this](QJsonObject& s, const QString& p) {
                set(s, p, "replicas", 1);
                set(s, p, "revisionHistoryLimit", 10);
                set(s, p, "progressDeadlineSeconds", 600);
                in(s, p, "strategy", true, [this](QJsonObject& st, const QString& sp) {
                    set(st, sp, "type", QStringLiteral("RollingUpdate"));
                    if (st.value(u"type").toString() == u"RollingUpdate")
                        in(st, sp, "rollingUpdate", true, [this](QJsonObject& r, const QString& rp) {
                            set(r, rp, "maxUnavailable", QStringLiteral("25%"));
                            set(r, rp, "maxSurge", QStringLiteral("25%"));
                        });
                });
                podTemplate(s, p);
            });
        } else if (group == u"apps" && kind == u"DaemonSet") {
            spec([this](QJsonObject& s, const QString& p) {
                set(s, p, "revisionHistoryLimit", 10);
                in(s, p, "updateStrategy", true, [this](QJsonObject& st, const QString& sp) {
                    set(st, sp, "type", QStringLiteral("RollingUpdate"));
                    if (st.value(u"type").toString() == u"RollingUpdate")
                        in(st, sp, "rollingUpdate", true, [this](QJsonObject& r, const QString& rp) {
                            set(r, rp, "maxUnavailable", 1);
                            set(r, rp, "maxSurge", 0);
                        });
                });
                podTemplate(s, p);
            });
        } else if (group == u"apps" && kind == u"StatefulSet") {
            spec([this](QJsonObject& s, const QString& p) {
                set(s, p, "replicas", 1);
                set(s, p, "revisionHistoryLimit", 10);
                set(s, p, "podManagementPolicy", QStringLiteral("OrderedReady"));
                in(s, p, "updateStrategy", true, [this](QJsonObject& st, const QString& sp) {
                    set(st, sp, "type", QStringLiteral("RollingUpdate"));
                    if (st.value(u"type").toString() == u"RollingUpdate")
                        in(st, sp, "rollingUpdate", true,
                           [this](QJsonObject& r, const QString& rp) { set(r, rp, "partition", 0); });
                });
                in(s, p, "persistentVolumeClaimRetentionPolicy", true,
                   [this](QJsonObject& r, const QString& rp) {
                       set(r, rp, "whenDeleted", QStringLiteral("Retain"));
                       set(r, rp, "whenScaled", QStringLiteral("Retain"));
                   });
                if (s.value(u"volumeClaimTemplates").isArray()) {
                    QJsonArray templates = s.value(u"volumeClaimTemplates").toArray();
                    for (qsizetype i = 0; i < templates.size(); ++i) {
                        QJsonObject t = templates[i].toObject();
                        in(t, QStringLiteral("%1.volumeClaimTemplates[%2]").arg(p).arg(i), "spec", true,
                           [this](QJsonObject& ts, const QString& tp) {
                               set(ts, tp, "volumeMode", QStringLiteral("Filesystem"));
                           });
                        templates[i] = t;
                    }
                    s.insert(QStringLiteral("volumeClaimTemplates"), templates);
                }
                podTemplate(s, p);
            });
        } else if (group.isEmpty() && kind == u"Pod") {
            spec([this](QJsonObject& s, const QString& p) { podSpec(s, p); });
        } else if (group.isEmpty() && (kind == u"ReplicationController" || kind == u"PodTemplate")) {
            spec([this](QJsonObject& s, const QString& p) { podTemplate(s, p); });
        } else if (group == u"apps" && kind == u"ReplicaSet") {
            spec([this](QJsonObject& s, const QString& p) {
                set(s, p, "replicas", 1);
                podTemplate(s, p);
            });
        } else if (group == u"batch" && kind == u"Job") {
            spec([this](QJsonObject& s, const QString& p) { jobSpec(s, p); });
        } else if (group == u"batch" && kind == u"CronJob") {
            spec([this](QJsonObject& s, const QString& p) {
                set(s, p, "concurrencyPolicy", QStringLiteral("Allow"));
                set(s, p, "suspend", false);
                set(s, p, "successfulJobsHistoryLimit", 3);
                set(s, p, "failedJobsHistoryLimit", 1);
                in(s, p, "jobTemplate", false, [this](QJsonObject& jt, const QString& jp) {
                    in(jt, jp, "spec", false, [this](QJsonObject& js, const QString& jsp) {
                        set(js, jsp, "backoffLimit", 6);
                        set(js, jsp, "completionMode", QStringLiteral("NonIndexed"));
                        set(js, jsp, "suspend", false);
                        podTemplate(js, jsp);
                    });
                });
            });
        } else if (group.isEmpty() && kind == u"Service") {
            spec([this](QJsonObject& s, const QString& p) {
                set(s, p, "type", QStringLiteral("ClusterIP"));
                const QString type = s.value(u"type").toString();
                if (type != u"ExternalName") {
                    set(s, p, "sessionAffinity", QStringLiteral("None"));
                    set(s, p, "internalTrafficPolicy", QStringLiteral("Cluster"));
                }
                if (type == u"NodePort" || type == u"LoadBalancer")
                    set(s, p, "externalTrafficPolicy", QStringLiteral("Cluster"));
                if (type == u"LoadBalancer")
                    set(s, p, "allocateLoadBalancerNodePorts", true);
                items(s, p, "ports", "port", [this](QJsonObject& port, const QString& pp) {
                    set(port, pp, "protocol", QStringLiteral("TCP"));
                    if (port.contains(u"port"))
                        set(port, pp, "targetPort", port.value(u"port"));
                });
            });
        } else if (group.isEmpty() && kind == u"Secret") {
            set(o, QString(), "type", QStringLiteral("Opaque"));
        } else if (group.isEmpty() && kind == u"PersistentVolumeClaim") {
            spec([this](QJsonObject& s, const QString& p) {
                set(s, p, "volumeMode", QStringLiteral("Filesystem"));
            });
        } else if (group.isEmpty() && kind == u"PersistentVolume") {
            spec([this](QJsonObject& s, const QString& p) {
                set(s, p, "persistentVolumeReclaimPolicy", QStringLiteral("Retain"));
                set(s, p, "volumeMode", QStringLiteral("Filesystem"));
            });
        }
    }

private:
    QSet<QString>* m_defaulted;
};

} // namespace

void applyServerDefaults(QJsonObject& object, QSet<QString>* defaulted)
{
    Defaulter(defaulted).apply(object);
}

} // namespace shiplog::core::drift
