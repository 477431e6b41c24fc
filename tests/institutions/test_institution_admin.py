"""The institution tree in the Wagtail admin: administrators only; codes are stable."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from institutions.factories import InstitutionFactory
from institutions.models import Institution, InstitutionKind, Region
from institutions.services import institution_create

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/institutions/"
ADD_URL = "/admin/institutions/new/"


def edit_url(institution):
    return reverse("institution_tree:edit", args=[institution.pk])


def refused(response):
    # Wagtail turns a refusal into a redirect (to the dashboard or the login page).
    return response.status_code == 403 or (
        response.status_code == 302
        and not urlsplit(response["Location"]).path.startswith(INDEX_URL)
    )


def new_institution(**fields):
    return {
        "code": "PS-BG-2",
        "name_sr": "Policijska stanica Zvezdara",
        "name_en": "Zvezdara Police Station",
        "kind": InstitutionKind.POLICE_STATION,
        "region": Region.BELGRADE,
        "is_active": "on",
        **fields,
    }


def listed_codes(response) -> list[str]:
    return [node.code for node in response.context["object_list"]]


# --- Listing ----------------------------------------------------------------------------------


def test_listing_follows_the_tree_with_names_indented_by_depth(client, mfa_login, administrator):
    mfa_login(client, administrator)
    response = client.get(INDEX_URL)
    assert response.status_code == 200
    assert listed_codes(response) == ["MUP", "PU-BG", "PS-BG-1", "PU-NI", "PS-NI-1"]
    content = response.content.decode()
    assert "margin-inline-start: 3.0rem" in content  # the stations, two levels down


def test_listing_searches_codes_and_both_names(client, mfa_login, administrator):
    mfa_login(client, administrator)
    assert listed_codes(client.get(INDEX_URL, {"q": "ps-ni"})) == ["PS-NI-1"]
    assert listed_codes(client.get(INDEX_URL, {"q": "Vračar"})) == ["PS-BG-1"]


def test_listing_filters_by_kind_and_region(client, mfa_login, tree, administrator):
    InstitutionFactory(
        parent=tree["nis"], code="CSR-NI", kind=InstitutionKind.SOCIAL_WORK_CENTRE, region="nisava"
    )
    mfa_login(client, administrator)
    response = client.get(INDEX_URL, {"kind": InstitutionKind.SOCIAL_WORK_CENTRE})
    assert listed_codes(response) == ["CSR-NI"]
    assert listed_codes(client.get(INDEX_URL, {"region": "nisava"})) == ["CSR-NI"]


def test_flat_listing_names_each_rows_parent(client, mfa_login, tree, administrator):
    mfa_login(client, administrator)
    response = client.get(INDEX_URL, {"q": "PS-"})
    parents = {node.code: node.parent_name for node in response.context["object_list"]}
    assert parents["PS-BG-1"] in {tree["belgrade"].name_sr, tree["belgrade"].name_en}
    assert parents["PS-NI-1"] in {tree["nis"].name_sr, tree["nis"].name_en}
    assert "margin-inline-start" not in response.content.decode()


# --- Who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["manager_bg", "analyst", "trainer", "learner"])
def test_only_administrators_reach_the_institutions_admin(
    client, mfa_login, request, fixture, tree
):
    mfa_login(client, request.getfixturevalue(fixture))
    assert refused(client.get(INDEX_URL))
    assert refused(client.get(ADD_URL))
    assert refused(client.get(edit_url(tree["belgrade"])))


def test_manager_cannot_create_an_institution(client, mfa_login, tree, manager_bg):
    mfa_login(client, manager_bg)
    response = client.post(ADD_URL, new_institution(parent=tree["belgrade"].pk))
    assert refused(response)
    assert not Institution.objects.filter(code="PS-BG-2").exists()


def test_manager_cannot_edit_an_institution(client, mfa_login, tree, manager_bg):
    mfa_login(client, manager_bg)
    response = client.post(
        edit_url(tree["belgrade"]),
        {"name_sr": "Preuzeto", "name_en": "Taken", "kind": "other", "region": "belgrade"},
    )
    assert refused(response)
    tree["belgrade"].refresh_from_db()
    assert tree["belgrade"].name_en == "Belgrade Police Administration"


def test_institutions_menu_item_only_for_administrators(
    client, mfa_login, administrator, manager_bg
):
    mfa_login(client, administrator)
    assert INDEX_URL in client.get("/admin/").content.decode()
    client.logout()
    mfa_login(client, manager_bg)
    assert INDEX_URL not in client.get("/admin/").content.decode()


def test_nobody_deletes_an_institution_from_the_admin(client, mfa_login, tree, administrator):
    mfa_login(client, administrator)
    url = reverse("institution_tree:delete", args=[tree["station_bg"].pk])
    assert refused(client.get(url))
    assert refused(client.post(url))
    assert Institution.objects.filter(pk=tree["station_bg"].pk).exists()


# --- Create -----------------------------------------------------------------------------------


def test_administrator_creates_a_child_at_the_right_depth(client, mfa_login, tree, administrator):
    mfa_login(client, administrator)
    response = client.post(ADD_URL, new_institution(parent=tree["belgrade"].pk))
    assert response.status_code == 302
    node = Institution.objects.get(code="PS-BG-2")
    belgrade = Institution.objects.get(code="PU-BG")
    assert node.depth == belgrade.depth + 1 == 3
    assert node.get_parent() == belgrade
    assert belgrade.numchild == 2
    assert node.path.startswith(belgrade.path)
    assert (node.name_en, node.kind, node.is_active) == (
        "Zvezdara Police Station",
        InstitutionKind.POLICE_STATION,
        True,
    )


def test_administrator_creates_a_top_level_institution(client, mfa_login, tree, administrator):
    mfa_login(client, administrator)
    response = client.post(ADD_URL, new_institution(code="MPRAVDE", kind=InstitutionKind.MINISTRY))
    assert response.status_code == 302
    node = Institution.objects.get(code="MPRAVDE")
    assert node.depth == 1
    assert node.is_root()


def test_add_form_preselects_the_parent_from_the_listing(client, mfa_login, tree, administrator):
    mfa_login(client, administrator)
    response = client.get(ADD_URL, {"parent": tree["nis"].pk})
    assert str(response.context["form"]["parent"].value()) == str(tree["nis"].pk)


def test_a_code_is_used_once(client, mfa_login, tree, administrator):
    mfa_login(client, administrator)
    response = client.post(ADD_URL, new_institution(code="PU-NI", parent=tree["ministry"].pk))
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert Institution.objects.filter(code="PU-NI").count() == 1


def test_a_code_must_follow_the_pattern(client, mfa_login, tree, administrator):
    mfa_login(client, administrator)
    response = client.post(ADD_URL, new_institution(code="ps bg 2", parent=tree["belgrade"].pk))
    assert response.context["form"].errors["code"]
    assert not Institution.objects.filter(name_en="Zvezdara Police Station").exists()


def test_create_service_adds_under_a_parent_read_before_a_sibling_was_added(tree):
    stale_parent = Institution.objects.get(code="PU-BG")
    institution_create(parent=tree["belgrade"], code="A-1", name_sr="A", name_en="A", kind="other")
    node = institution_create(
        parent=stale_parent, code="B-1", name_sr="B", name_en="B", kind="other"
    )
    assert node.get_parent().code == "PU-BG"
    assert Institution.objects.get(code="PU-BG").numchild == 3


# --- Edit -----------------------------------------------------------------------------------


def test_code_is_not_editable_after_creation(client, mfa_login, tree, administrator):
    mfa_login(client, administrator)
    url = edit_url(tree["belgrade"])
    form = client.get(url).context["form"]
    assert form.fields["code"].disabled

    response = client.post(
        url,
        {
            "code": "HACKED",
            "name_sr": "Policijska uprava za grad Beograd",
            "name_en": "Police Administration for the City of Belgrade",
            "kind": InstitutionKind.POLICE_REGIONAL,
            "region": Region.BELGRADE,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    belgrade = Institution.objects.get(pk=tree["belgrade"].pk)
    assert belgrade.code == "PU-BG"
    assert belgrade.name_en == "Police Administration for the City of Belgrade"
    assert belgrade.kind == InstitutionKind.POLICE_REGIONAL
    # Still where it was in the tree.
    assert belgrade.path == tree["belgrade"].path and belgrade.depth == 2


def test_deactivating_an_institution_keeps_it_in_the_tree(client, mfa_login, tree, administrator):
    mfa_login(client, administrator)
    response = client.post(
        edit_url(tree["station_ni"]),
        {"name_sr": "Stanica", "name_en": "Station", "kind": "other", "region": "nisava"},
    )
    assert response.status_code == 302
    station = Institution.objects.get(code="PS-NI-1")
    assert not station.is_active
    assert station.get_parent().code == "PU-NI"
