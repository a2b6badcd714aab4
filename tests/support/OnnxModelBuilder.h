#pragma once
// Builds small ONNX models in memory for tests and fuzz seeds (the ONNX protobuf classes; link
// onnx_proto and compile with ONNX_ML=1, ONNX_NAMESPACE=onnx).
#include <onnx/onnx_pb.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace kh::test {

class OnnxModelBuilder {
public:
    explicit OnnxModelBuilder(int opset = 17)
    {
        model_.set_ir_version(8);
        model_.add_opset_import()->set_version(opset);
        model_.mutable_graph()->set_name("test");
    }

    // A float graph input with a declared shape.
    OnnxModelBuilder& input(const std::string& name, std::initializer_list<std::int64_t> dims)
    {
        auto* vi = model_.mutable_graph()->add_input();
        vi->set_name(name);
        auto* tt = vi->mutable_type()->mutable_tensor_type();
        tt->set_elem_type(onnx::TensorProto::FLOAT);
        for (std::int64_t d : dims)
            tt->mutable_shape()->add_dim()->set_dim_value(d);
        return *this;
    }
    OnnxModelBuilder& output(const std::string& name)
    {
        model_.mutable_graph()->add_output()->set_name(name);
        return *this;
    }
    // A float output with its type, as the ONNX checker requires of a valid model.
    OnnxModelBuilder& floatOutput(const std::string& name)
    {
        auto* vi = model_.mutable_graph()->add_output();
        vi->set_name(name);
        auto* tt = vi->mutable_type()->mutable_tensor_type();
        tt->set_elem_type(onnx::TensorProto::FLOAT);
        tt->mutable_shape();   // present, of unknown rank
        return *this;
    }
    // A float initializer; 'values' may hold fewer values than the dims declare (malformed models).
    OnnxModelBuilder& floats(const std::string& name, std::vector<std::int64_t> dims, const std::vector<float>& values)
    {
        auto* t = model_.mutable_graph()->add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::FLOAT);
        for (std::int64_t d : dims)
            t->add_dims(d);
        for (float v : values)
            t->add_float_data(v);
        return *this;
    }
    OnnxModelBuilder& ints(const std::string& name, std::vector<std::int64_t> dims, const std::vector<std::int64_t>& values)
    {
        auto* t = model_.mutable_graph()->add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::INT64);
        for (std::int64_t d : dims)
            t->add_dims(d);
        for (std::int64_t v : values)
            t->add_int64_data(v);
        return *this;
    }
    // A node; attributes are added with intAttr/intsAttr/floatAttr on the node just added.
    OnnxModelBuilder& node(const std::string& op, std::initializer_list<std::string> inputs, std::initializer_list<std::string> outputs,
                           const std::string& name = "")
    {
        auto* n = model_.mutable_graph()->add_node();
        n->set_op_type(op);
        n->set_name(name.empty() ? op + std::to_string(model_.graph().node_size()) : name);
        for (const std::string& i : inputs)
            n->add_input(i);
        for (const std::string& o : outputs)
            n->add_output(o);
        return *this;
    }
    OnnxModelBuilder& intAttr(const std::string& name, std::int64_t v)
    {
        auto* a = lastNode()->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(v);
        return *this;
    }
    OnnxModelBuilder& intsAttr(const std::string& name, std::initializer_list<std::int64_t> v)
    {
        auto* a = lastNode()->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (std::int64_t x : v)
            a->add_ints(x);
        return *this;
    }
    std::string bytes() const { return model_.SerializeAsString(); }

private:
    onnx::NodeProto* lastNode() { return model_.mutable_graph()->mutable_node(model_.graph().node_size() - 1); }
    onnx::ModelProto model_;
};

} // namespace kh::test
