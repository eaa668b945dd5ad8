#pragma once

// The list of a revision's environments: name, layout, definition file, cluster hint, resource
// count and errors (each error a child row naming its file).
#include "core/environment/environment.h"

#include <QTreeWidget>

namespace shiplog::ui::environments {

class EnvironmentList : public QTreeWidget
{
    Q_OBJECT
public:
    explicit EnvironmentList(QWidget* parent = nullptr);
    void setEnvironments(const core::environment::Environments& environments);
};

} // namespace shiplog::ui::environments
