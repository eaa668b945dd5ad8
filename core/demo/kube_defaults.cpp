#include "core/demo/kube_defaults.h"

#include <QJsonArray>

namespace shiplog::core::demo {

namespace {

using namespace Qt::StringLiterals;

void setDefault(QJsonObject& object, const QString& key, const QJsonValue& value)
{
    if (!object.contains(key) || object.value(key).isNull())
        object.insert(key, value);
}

// Edits a nested object in place: obj[key] is read, changed by f, written back.
template <typename F>
void editObject(QJsonObject& object, const QString& key, F f, bool createIfMissing = false)
{
    if (!object.contains(key) && !createIfMissing)
        return;
    QJsonObject child = object.value(key).toObject();
    f(child);
    object.insert(key, child);
}

template <typename F> void editArray(QJsonObject& object, const QString& key, F f)
{
    if (!object.value(key).isArray())
        return;
    QJsonArray items = object.value(key).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        QJsonObject item = items.at(i).toObject();
        f(item);
        items.replace(i, item);
    }
    object.insert(key, items);
}

void defaultProbe(QJsonObject& probe)
{
    setDefault(probe, u"timeoutSeconds"_s, 1);
    setDefault(probe, u"periodSeconds"_s, 10);
    setDefault(probe, u"successThreshold"_s, 1);
    setDefault(probe, u"failureThreshold"_s, 3);
    editObject(probe, u"httpGet"_s, [](QJsonObject& get) {
        setDefault(get, u"path"_s, u"/"_s);
        setDefault(get, u"scheme"_s, u"HTTP"_s);
    });
}

void defaultContainer(QJsonObject& container)
{
    const QString image = container.value(u"image"_s).toString();
    // The tag is what follows the last ':' after the last '/' (a registry port is not a tag).
    const QString lastPart = image.section(u'/', -1);
    const bool digest = image.contains(u'@');
    const bool latest = !digest && (!lastPart.contains(u':') || lastPart.endsWith(u":latest"_s));
    setDefault(container, u"imagePullPolicy"_s, latest ? u"Always"_s : u"IfNotPresent"_s);
    setDefault(container, u"terminationMessagePath"_s, u"/dev/termination-log"_s);
    setDefault(container, u"terminationMessagePolicy"_s, u"File"_s);
    setDefault(container, u"resources"_s, QJsonObject());
    editArray(container, u"ports"_s, [](QJsonObject& port) { setDefault(port, u"protocol"_s, u"TCP"_s); });
    for (const QString& probe : {u"livenessProbe"_s, u"readinessProbe"_s, u"startupProbe"_s})
        editObject(container, probe, defaultProbe);
    editArray(container, u"env"_s, [](QJsonObject& env) {
        editObject(env, u"valueFrom"_s, [](QJsonObject& from) {
            editObject(from, u"fieldRef"_s,
                       [](QJsonObject& ref) { setDefault(ref, u"apiVersion"_s, u"v1"_s); });
        });
    });
}

void defaultVolume(QJsonObject& volume)
{
    static const QStringList sources{u"secret"_s,
                                     u"configMap"_s,
                                     u"downwardAPI"_s,
                                     u"projected"_s,
                                     u"emptyDir"_s,
                                     u"hostPath"_s,
                                     u"persistentVolumeClaim"_s,
                                     u"nfs"_s,
                                     u"csi"_s,
                                     u"ephemeral"_s,
                                     u"awsElasticBlockStore"_s,
                                     u"gcePersistentDisk"_s,
                                     u"azureDisk"_s,
                                     u"azureFile"_s,
                                     u"iscsi"_s,
                                     u"cephfs"_s,
                                     u"rbd"_s,
                                     u"glusterfs"_s,
                                     u"fc"_s,
                                     u"flexVolume"_s,
                                     u"image"_s};
    bool hasSource = false;
    for (const QString& s : sources)
        hasSource = hasSource || volume.contains(s);
    if (!hasSource)
        volume.insert(u"emptyDir"_s, QJsonObject());
    for (const QString& kind : {u"secret"_s, u"configMap"_s, u"downwardAPI"_s, u"projected"_s})
        editObject(volume, kind, [](QJsonObject& source) { setDefault(source, u"defaultMode"_s, 420); });
    editObject(volume, u"downwardAPI"_s, [](QJsonObject& source) {
        editArray(source, u"items"_s, [](QJsonObject& item) {
            editObject(item, u"fieldRef"_s,
                       [](QJsonObject& ref) { setDefault(ref, u"apiVersion"_s, u"v1"_s); });
        });
    });
    editObject(volume, u"projected"_s, [](QJsonObject& projected) {
        editArray(projected, u"sources"_s, [](QJsonObject& source) {
            editObject(source, u"serviceAccountToken"_s,
                       [](QJsonObject& token) { setDefault(token, u"expirationSeconds"_s, 3600); });
            editObject(source, u"downwardAPI"_s, [](QJsonObject& api) {
                editArray(api, u"items"_s, [](QJsonObject& item) {
                    editObject(item, u"fieldRef"_s,
                               [](QJsonObject& ref) { setDefault(ref, u"apiVersion"_s, u"v1"_s); });
                });
            });
        });
    });
    editObject(volume, u"hostPath"_s, [](QJsonObject& hostPath) { setDefault(hostPath, u"type"_s, u""_s); });
}

void defaultPodSpec(QJsonObject& spec)
{
    setDefault(spec, u"dnsPolicy"_s, u"ClusterFirst"_s);
    setDefault(spec, u"restartPolicy"_s, u"Always"_s);
    setDefault(spec, u"securityContext"_s, QJsonObject());
    setDefault(spec, u"terminationGracePeriodSeconds"_s, 30);
    setDefault(spec, u"schedulerName"_s, u"default-scheduler"_s);
    if (spec.contains(u"serviceAccountName"_s))
        setDefault(spec, u"serviceAccount"_s, spec.value(u"serviceAccountName"_s));
    editArray(spec, u"containers"_s, defaultContainer);
    editArray(spec, u"initContainers"_s, defaultContainer);
    editArray(spec, u"volumes"_s, defaultVolume);
}

void defaultTemplate(QJsonObject& spec)
{
    editObject(spec, u"template"_s,
               [](QJsonObject& podTemplate) { editObject(podTemplate, u"spec"_s, defaultPodSpec); });
}

void defaultPvcSpec(QJsonObject& spec)
{
    setDefault(spec, u"volumeMode"_s, u"Filesystem"_s);
}

void defaultServiceSpec(QJsonObject& spec)
{
    setDefault(spec, u"type"_s, u"ClusterIP"_s);
    const QString type = spec.value(u"type"_s).toString();
    if (type == u"ExternalName"_s)
        return;
    setDefault(spec, u"sessionAffinity"_s, u"None"_s);
    setDefault(spec, u"internalTrafficPolicy"_s, u"Cluster"_s);
    if (type == u"NodePort"_s || type == u"LoadBalancer"_s)
        setDefault(spec, u"externalTrafficPolicy"_s, u"Cluster"_s);
    if (type == u"LoadBalancer"_s)
        setDefault(spec, u"allocateLoadBalancerNodePorts"_s, true);
    editArray(spec, u"ports"_s, [](QJsonObject& port) {
        setDefault(port, u"protocol"_s, u"TCP"_s);
        setDefault(port, u"targetPort"_s, port.value(u"port"_s));
    });
}

void defaultSecret(QJsonObject& secret)
{
    setDefault(secret, u"type"_s, u"Opaque"_s);
    if (secret.contains(u"stringData"_s)) {
        QJsonObject data = secret.value(u"data"_s).toObject();
        const QJsonObject stringData = secret.value(u"stringData"_s).toObject();
        for (auto it = stringData.begin(); it != stringData.end(); ++it)
            data.insert(it.key(), QString::fromLatin1(it.value().toString().toUtf8().toBase64()));
        secret.insert(u"data"_s, data);
        secret.remove(u"stringData"_s);
    }
}

} // namespace

void applyDefaults(const ResourceType& type, QJsonObject& object)
{
    const QString& kind = type.kind;
    const bool builtin = !type.custom;
    if (!builtin)
        return;
    if (kind == u"Deployment"_s) {
        editObject(
            object, u"spec"_s,
            [](QJsonObject& spec) {
                setDefault(spec, u"replicas"_s, 1);
                setDefault(spec, u"revisionHistoryLimit"_s, 10);
                setDefault(spec, u"progressDeadlineSeconds"_s, 600);
                editObject(
                    spec, u"strategy"_s,
                    [](QJsonObject& strategy) {
                        setDefault(strategy, u"type"_s, u"RollingUpdate"_s);
                        if (strategy.value(u"type"_s).toString() == u"RollingUpdate"_s)
                            editObject(
                                strategy, u"rollingUpdate"_s,
                                [](QJsonObject& rolling) {
                                    setDefault(rolling, u"maxUnavailable"_s, u"25%"_s);
                                    setDefault(rolling, u"maxSurge"_s, u"25%"_s);
                                },
                                true);
                    },
                    true);
                defaultTemplate(spec);
            },
            true);
    } else if (kind == u"ReplicaSet"_s) {
        editObject(
            object, u"spec"_s,
            [](QJsonObject& spec) {
                setDefault(spec, u"replicas"_s, 1);
                defaultTemplate(spec);
            },
            true);
    } else if (kind == u"DaemonSet"_s) {
        editObject(
            object, u"spec"_s,
            [](QJsonObject& spec) {
                setDefault(spec, u"revisionHistoryLimit"_s, 10);
                editObject(
                    spec, u"updateStrategy"_s,
                    [](QJsonObject& strategy) {
                        setDefault(strategy, u"type"_s, u"RollingUpdate"_s);
                        if (strategy.value(u"type"_s).toString() == u"RollingUpdate"_s)
                            editObject(
                                strategy, u"rollingUpdate"_s,
                                [](QJsonObject& rolling) {
                                    setDefault(rolling, u"maxUnavailable"_s, 1);
                                    setDefault(rolling, u"maxSurge"_s, 0);
                                },
                                true);
                    },
                    true);
                defaultTemplate(spec);
            },
            true);
    } else if (kind == u"StatefulSet"_s) {
        editObject(
            object, u"spec"_s,
            [](QJsonObject& spec) {
                setDefault(spec, u"replicas"_s, 1);
                setDefault(spec, u"revisionHistoryLimit"_s, 10);
                setDefault(spec, u"podManagementPolicy"_s, u"OrderedReady"_s);
                editObject(
                    spec, u"updateStrategy"_s,
                    [](QJsonObject& strategy) {
                        setDefault(strategy, u"type"_s, u"RollingUpdate"_s);
                        if (strategy.value(u"type"_s).toString() == u"RollingUpdate"_s)
                            editObject(
                                strategy, u"rollingUpdate"_s,
                                [](QJsonObject& rolling) { setDefault(rolling, u"partition"_s, 0); }, true);
                    },
                    true);
                editObject(
                    spec, u"persistentVolumeClaimRetentionPolicy"_s,
                    [](QJsonObject& policy) {
                        setDefault(policy, u"whenDeleted"_s, u"Retain"_s);
                        setDefault(policy, u"whenScaled"_s, u"Retain"_s);
                    },
                    true);
                editArray(spec, u"volumeClaimTemplates"_s, [](QJsonObject& claim) {
                    setDefault(claim, u"apiVersion"_s, u"v1"_s);
                    setDefault(claim, u"kind"_s, u"PersistentVolumeClaim"_s);
                    editObject(claim, u"spec"_s, defaultPvcSpec, true);
                    setDefault(claim, u"status"_s, QJsonObject{{u"phase"_s, u"Pending"_s}});
                });
                defaultTemplate(spec);
            },
            true);
    } else if (kind == u"Job"_s) {
        const QString uid = object.value(u"metadata"_s).toObject().value(u"uid"_s).toString();
        const QString name = object.value(u"metadata"_s).toObject().value(u"name"_s).toString();
        editObject(
            object, u"spec"_s,
            [&](QJsonObject& spec) {
                setDefault(spec, u"completions"_s, 1);
                setDefault(spec, u"parallelism"_s, 1);
                setDefault(spec, u"backoffLimit"_s, 6);
                setDefault(spec, u"completionMode"_s, u"NonIndexed"_s);
                setDefault(spec, u"suspend"_s, false);
                setDefault(spec, u"podReplacementPolicy"_s, u"TerminatingOrFailed"_s);
                if (!spec.value(u"manualSelector"_s).toBool() && !uid.isEmpty()) {
                    setDefault(spec, u"selector"_s,
                               QJsonObject{{u"matchLabels"_s,
                                            QJsonObject{{u"batch.kubernetes.io/controller-uid"_s, uid}}}});
                    editObject(spec, u"template"_s, [&](QJsonObject& podTemplate) {
                        editObject(
                            podTemplate, u"metadata"_s,
                            [&](QJsonObject& meta) {
                                editObject(
                                    meta, u"labels"_s,
                                    [&](QJsonObject& labels) {
                                        setDefault(labels, u"batch.kubernetes.io/controller-uid"_s, uid);
                                        setDefault(labels, u"batch.kubernetes.io/job-name"_s, name);
                                        setDefault(labels, u"controller-uid"_s, uid);
                                        setDefault(labels, u"job-name"_s, name);
                                    },
                                    true);
                            },
                            true);
                    });
                }
                defaultTemplate(spec);
            },
            true);
    } else if (kind == u"CronJob"_s) {
        editObject(
            object, u"spec"_s,
            [](QJsonObject& spec) {
                setDefault(spec, u"concurrencyPolicy"_s, u"Allow"_s);
                setDefault(spec, u"suspend"_s, false);
                setDefault(spec, u"successfulJobsHistoryLimit"_s, 3);
                setDefault(spec, u"failedJobsHistoryLimit"_s, 1);
                editObject(spec, u"jobTemplate"_s, [](QJsonObject& jobTemplate) {
                    editObject(jobTemplate, u"spec"_s, defaultTemplate);
                });
            },
            true);
    } else if (kind == u"Pod"_s) {
        editObject(object, u"spec"_s, defaultPodSpec, true);
    } else if (kind == u"Service"_s) {
        editObject(object, u"spec"_s, defaultServiceSpec, true);
    } else if (kind == u"Secret"_s) {
        defaultSecret(object);
    } else if (kind == u"PersistentVolumeClaim"_s) {
        editObject(object, u"spec"_s, defaultPvcSpec, true);
    } else if (kind == u"PersistentVolume"_s) {
        editObject(
            object, u"spec"_s,
            [](QJsonObject& spec) {
                setDefault(spec, u"persistentVolumeReclaimPolicy"_s, u"Retain"_s);
                setDefault(spec, u"volumeMode"_s, u"Filesystem"_s);
            },
            true);
    } else if (kind == u"Namespace"_s) {
        const QString name = object.value(u"metadata"_s).toObject().value(u"name"_s).toString();
        editObject(
            object, u"metadata"_s,
            [&](QJsonObject& meta) {
                editObject(
                    meta, u"labels"_s,
                    [&](QJsonObject& labels) { labels.insert(u"kubernetes.io/metadata.name"_s, name); },
                    true);
            },
            true);
        editObject(
            object, u"spec"_s,
            [](QJsonObject& spec) { setDefault(spec, u"finalizers"_s, QJsonArray{u"kubernetes"_s}); }, true);
    } else if (kind == u"RoleBinding"_s || kind == u"ClusterRoleBinding"_s) {
        editArray(object, u"subjects"_s, [](QJsonObject& subject) {
            const QString subjectKind = subject.value(u"kind"_s).toString();
            if (subjectKind == u"User"_s || subjectKind == u"Group"_s)
                setDefault(subject, u"apiGroup"_s, u"rbac.authorization.k8s.io"_s);
        });
    } else if (kind == u"CustomResourceDefinition"_s) {
        editObject(
            object, u"spec"_s,
            [](QJsonObject& spec) {
                setDefault(spec, u"conversion"_s, QJsonObject{{u"strategy"_s, u"None"_s}});
            },
            true);
    }
}

void updateStatus(const ResourceType& type, QJsonObject& object)
{
    const QString& kind = type.kind;
    const QJsonObject spec = object.value(u"spec"_s).toObject();
    const QJsonObject meta = object.value(u"metadata"_s).toObject();
    const QJsonValue generation = meta.value(u"generation"_s);
    const QString created = meta.value(u"creationTimestamp"_s).toString();
    auto condition = [&](const QString& conditionType, const QString& reason, const QString& message) {
        return QJsonObject{{u"type"_s, conditionType},     {u"status"_s, u"True"_s},
                           {u"lastUpdateTime"_s, created}, {u"lastTransitionTime"_s, created},
                           {u"reason"_s, reason},          {u"message"_s, message}};
    };
    const int replicas = spec.value(u"replicas"_s).toInt(1);
    if (kind == u"Deployment"_s || kind == u"StatefulSet"_s || kind == u"ReplicaSet"_s) {
        QJsonObject status{{u"observedGeneration"_s, generation}, {u"replicas"_s, replicas}};
        if (replicas > 0) {
            status.insert(u"readyReplicas"_s, replicas);
            status.insert(u"availableReplicas"_s, replicas);
            status.insert(u"updatedReplicas"_s, replicas);
        }
        if (kind == u"Deployment"_s) {
            const QString name = meta.value(u"name"_s).toString();
            status.insert(
                u"conditions"_s,
                QJsonArray{
                    condition(u"Available"_s, u"MinimumReplicasAvailable"_s,
                              u"Deployment has minimum availability."_s),
                    condition(u"Progressing"_s, u"NewReplicaSetAvailable"_s,
                              QStringLiteral("ReplicaSet \"%1\" has successfully progressed.").arg(name))});
        } else if (kind == u"StatefulSet"_s) {
            status.insert(u"currentReplicas"_s, replicas);
            status.insert(u"collisionCount"_s, 0);
        }
        object.insert(u"status"_s, status);
    } else if (kind == u"DaemonSet"_s) {
        object.insert(u"status"_s, QJsonObject{{u"observedGeneration"_s, generation},
                                               {u"currentNumberScheduled"_s, 1},
                                               {u"desiredNumberScheduled"_s, 1},
                                               {u"numberAvailable"_s, 1},
                                               {u"numberMisscheduled"_s, 0},
                                               {u"numberReady"_s, 1},
                                               {u"updatedNumberScheduled"_s, 1}});
    } else if (kind == u"Namespace"_s) {
        object.insert(u"status"_s, QJsonObject{{u"phase"_s, u"Active"_s}});
    } else if (kind == u"Pod"_s) {
        if (!object.contains(u"status"_s))
            object.insert(u"status"_s, QJsonObject{{u"phase"_s, u"Running"_s},
                                                   {u"hostIP"_s, u"10.0.0.10"_s},
                                                   {u"podIP"_s, u"10.244.0.10"_s},
                                                   {u"qosClass"_s, u"BestEffort"_s},
                                                   {u"startTime"_s, created}});
    } else if (kind == u"Service"_s) {
        if (!object.contains(u"status"_s))
            object.insert(u"status"_s, QJsonObject{{u"loadBalancer"_s, QJsonObject()}});
    } else if (kind == u"PersistentVolumeClaim"_s) {
        if (!object.contains(u"status"_s))
            object.insert(u"status"_s, QJsonObject{{u"phase"_s, u"Pending"_s}});
    } else if (kind == u"CustomResourceDefinition"_s) {
        const QJsonObject names = spec.value(u"names"_s).toObject();
        object.insert(
            u"status"_s,
            QJsonObject{
                {u"acceptedNames"_s, names},
                {u"conditions"_s, QJsonArray{condition(u"Established"_s, u"InitialNamesAccepted"_s,
                                                       u"the initial names have been accepted"_s)}},
                {u"storedVersions"_s,
                 QJsonArray{spec.value(u"versions"_s).toArray().first().toObject().value(u"name"_s)}}});
    }
}

} // namespace shiplog::core::demo
