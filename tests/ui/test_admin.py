"""Admin at base, against a real server: the team's laptops, revoking one, and issuing an
enrolment code shown as text and as a QR code that another laptop can then use."""

from __future__ import annotations

from PySide6.QtCore import Qt

from outreach.ops import sync as sync_ops
from outreach.ops import sync_view
from outreach.ui.admin import AdminPage, enrol_payload, qr_image
from outreach.ui.workspace import Workspace
from tests.ui.conftest import code_for, laptop


def enrolled(server, tmp_path, name: str, user: str, *, admin: bool = False):
    from sync.server import admin as server_admin

    if admin:
        server_admin.create_user(server.engine, team="north", username=user, is_admin=True)
    store = laptop(tmp_path, name, user)
    sync_ops.enroll(store, server_url=server.url, code=code_for(server, user))
    return store


def test_devices_revoke_and_enrolment_code(qtbot, server, tmp_path):
    admin = enrolled(server, tmp_path, "base", "ada.admin", admin=True)
    field = enrolled(server, tmp_path, "field", "sam.worker")
    page = AdminPage(admin)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitSignal(page.devices_loaded, timeout=20_000).wait()
    users = {page.table.item(r, 0).text(): page.table.item(r, 5).text()
             for r in range(page.table.rowCount())}
    assert users == {"ada.admin": "Active", "sam.worker": "Active"}

    page.select_device(field.device_id)
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    assert page.confirm_yes.isVisible() and "sam.worker" in page.confirm.text()
    with qtbot.waitSignal(page.revoked, timeout=20_000):
        qtbot.mouseClick(page.confirm_yes, Qt.MouseButton.LeftButton)
    qtbot.waitSignal(page.devices_loaded, timeout=20_000).wait()
    states = {page.table.item(r, 0).text(): page.table.item(r, 5).text()
              for r in range(page.table.rowCount())}
    assert states["sam.worker"] == "Revoked"

    page.user_edit.setText("priya.nair")
    with qtbot.waitSignal(page.code_issued, timeout=20_000) as issued:
        qtbot.keyClick(page.user_edit, Qt.Key.Key_Return)
    code = issued.args[0]
    assert page.code_label.text() == code and code
    assert not page.qr_label.pixmap().isNull()
    assert page.qr_image == qr_image(enrol_payload(server.url, code))
    newcomer = laptop(tmp_path, "new", "priya.nair")          # the code really works
    assert sync_ops.enroll(newcomer, server_url=server.url, code=code)["user"] == "priya.nair"
    for store in (admin, field, newcomer):
        if not store.closed:
            store.close()


def test_admin_section_only_for_admins(qtbot, server, tmp_path):
    admin = enrolled(server, tmp_path, "base", "ada.admin", admin=True)
    worker = enrolled(server, tmp_path, "field", "sam.worker")
    for store, expected in ((admin, True), (worker, False)):
        assert sync_view.is_admin(store) is expected
        ws = Workspace(store, profile_name="main", is_admin=sync_view.is_admin(store))
        qtbot.addWidget(ws)
        titles = [ws.nav.item(i).text() for i in range(ws.nav.count())]
        assert ("Admin" in titles) is expected
        assert titles[:5] == ["Today", "People", "Directory", "Reports", "Sync"]
    from outreach.ui.background import wait_for_all
    wait_for_all(10_000)
    admin.close()
    worker.close()


def test_qr_image_is_black_on_white():
    image = qr_image("outreach://enrol?code=ABC", scale=1, border=4)
    assert image.width() == image.height()
    assert image.pixelColor(0, 0).name() == "#ffffff"          # the quiet zone
    assert image.pixelColor(4, 4).name() == "#000000"          # a finder pattern corner


def test_the_admin_gives_a_team_member_a_role_that_reaches_their_laptop(qtbot, server,
                                                                         tmp_path):
    """Issue 14 item 3: roles are set by an admin (here from the Admin page, through the
    server's admin API), kept on the server and synced to the user's laptop."""
    from outreach.ops import team
    from sync.server import admin as server_admin

    server_admin.add_role(server.engine, team="north", label="Employment advisor")
    base = enrolled(server, tmp_path, "base", "ada.admin", admin=True)
    field = enrolled(server, tmp_path, "field", "sam.worker")
    assert team.my_role(field) == "practitioner"
    sync_ops.sync_now(base)                                   # learns the team's list
    page = AdminPage(base)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitSignal(page.devices_loaded, timeout=20_000).wait()
    assert page.role_user.findData("sam.worker") >= 0
    assert page.role_choice.findData("employment_advisor") >= 0   # the team's own role
    page.role_user.setCurrentIndex(page.role_user.findData("sam.worker"))
    page.role_choice.setCurrentIndex(page.role_choice.findData("peer_mentor"))
    with qtbot.waitSignal(page.role_set, timeout=20_000):
        qtbot.mouseClick(page.set_role_button, Qt.MouseButton.LeftButton)
    assert "sam.worker: Peer mentor" in page.roles_label.text()
    assert "next sync" in page.message.text()
    sync_ops.sync_now(field)
    assert team.my_role(field) == "peer_mentor"
    # someone outside the team cannot be given a role from here
    server_admin.create_team(server.engine, "south")
    server_admin.create_user(server.engine, team="south", username="lee")
    page.role_user.setEditText("lee")
    qtbot.mouseClick(page.set_role_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.set_role_button.isEnabled(), timeout=20_000)
    assert "no user called 'lee' in your team" in page.message.text()
    assert server_admin.team_users(server.engine, team="south") == {"lee": "practitioner"}
    for store in (base, field):
        if not store.closed:
            store.close()
