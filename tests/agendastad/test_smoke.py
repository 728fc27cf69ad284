def test_home_page_names_the_platform(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "Agenda Stad" in response.content.decode()
