from tests.support import NOBODY, TRAINER


def test_admin_creates_and_reads_a_course(api):
    # Given a new course
    created = api.course(name="H2S Awareness", validityMonths=24)
    # When it is read back by a trainer
    reply = api.get(f"/courses/{created['id']}", caller=TRAINER)
    # Then it is the same course
    assert reply.status == 200
    assert reply.body == created


def test_no_identity_is_401(api):
    assert api.get("/courses", caller=NOBODY).status == 401
