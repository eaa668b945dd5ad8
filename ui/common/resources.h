#pragma once

namespace shiplog::ui {

// Registers the icons of resources/shiplog.qrc. shiplog_ui is a static library, so its resources
// are only linked in when something calls Q_INIT_RESOURCE; the main window does, once.
void ensureResources();

} // namespace shiplog::ui
